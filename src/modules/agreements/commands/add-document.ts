import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { insertDocument } from '../queries.ts';

export interface AddDocumentInput {
  agreement: { id: number; partyIds: number[] };
  /** A file checked (and, for images, re-encoded) by domain/documents.ts prepareDocument. */
  file: { filename: string; contentType: string; data: Buffer };
}

/** Stores a checked document. */
export async function addDocument(deps: CommandDeps, input: AddDocumentInput): Promise<{ ok: true; id: number }> {
  const { agreement, file } = input;
  return transaction(deps.db, async (tx) => {
    const id = await insertDocument(tx, agreement.id, file, deps.actor.userId);
    // One entry in the first party's log: the agreement page shows all parties.
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: agreement.partyIds[0] ?? null,
      action: 'agreement.document_added',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { documentId: id, filename: file.filename, bytes: file.data.length },
      ip: deps.ip,
    });
    return { ok: true, id } as const;
  });
}
