-- The IANA time zone an organization works in: deadline reminders go out at a time of day in it (08:00 local).
-- Without a zone given, an organization takes its country's zone from its region (or the nearest ancestor
-- organization's region): Iran (region code "ir") Asia/Tehran, Vietnam ("vn") Asia/Ho_Chi_Minh; else its parent's
-- zone; else UTC. Existing organizations get it here, new ones by the trigger below (the demo seed, the create
-- form when no zone was chosen). The app validates names with Intl; PostgreSQL knows the same IANA names.
ALTER TABLE organizations ADD COLUMN time_zone text CHECK (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');

CREATE FUNCTION public.organizations_country_time_zone(region bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE country.code WHEN 'ir' THEN 'Asia/Tehran' WHEN 'vn' THEN 'Asia/Ho_Chi_Minh' END
    FROM public.regions r JOIN public.regions country ON country.id = COALESCE(r.ancestor_ids[1], r.id)
   WHERE r.id = region
$$;

UPDATE organizations o
   SET time_zone = COALESCE(
     (SELECT public.organizations_country_time_zone(holder.region_id)
        FROM organizations holder
       WHERE (holder.id = o.id OR holder.id = ANY (o.ancestor_ids)) AND holder.region_id IS NOT NULL
       ORDER BY array_position(o.ancestor_ids || o.id, holder.id) DESC
       LIMIT 1),
     'UTC');

ALTER TABLE organizations ALTER COLUMN time_zone SET NOT NULL;

CREATE FUNCTION public.organizations_fill_time_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.time_zone IS NULL THEN
    NEW.time_zone := COALESCE(
      public.organizations_country_time_zone(NEW.region_id),
      (SELECT p.time_zone FROM public.organizations p WHERE p.id = NEW.parent_id),
      'UTC');
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER organizations_fill_time_zone BEFORE INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION public.organizations_fill_time_zone();
