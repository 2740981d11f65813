import { describe, expect, it } from 'vitest';
import { formBodyFromJson } from './form-body.ts';

describe('formBodyFromJson', () => {
  it('keeps text, writes numbers as digits and booleans as a checkbox', () => {
    expect(formBodyFromJson({ title: 'Meeting', organizerId: 12, anonymous: true, hidden: false })).toEqual({
      title: 'Meeting',
      organizerId: '12',
      anonymous: 'on',
      hidden: '',
    });
  });
  it('turns arrays into repeated fields and drops what a form cannot hold', () => {
    expect(
      formBodyFromJson({ attending: [3, '4', null, { id: 5 }], nested: { a: 1 }, nothing: null, infinite: Number.POSITIVE_INFINITY }),
    ).toEqual({ attending: ['3', '4'] });
  });
  it('answers {} for a body that is not an object', () => {
    for (const body of [undefined, null, 'text', 7, [1, 2]]) expect(formBodyFromJson(body)).toEqual({});
  });
});
