-- A counter on each program that any change to what its progress is derived from moves (reports, activities,
-- their regions and targets), kept by triggers so no writer can forget it: the app caches derived progress per
-- (program, version) and never serves a stale figure.
ALTER TABLE programs ADD COLUMN progress_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION public.programs_bump_progress_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  activity bigint;
  program bigint;
BEGIN
  IF TG_TABLE_NAME = 'program_activities' THEN
    program := CASE WHEN TG_OP = 'DELETE' THEN OLD.program_id ELSE NEW.program_id END;
  ELSE
    activity := CASE WHEN TG_OP = 'DELETE' THEN OLD.activity_id ELSE NEW.activity_id END;
    SELECT a.program_id INTO program FROM public.program_activities a WHERE a.id = activity;
  END IF;
  IF program IS NOT NULL THEN
    UPDATE public.programs SET progress_version = progress_version + 1 WHERE id = program;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_reports_progress_version AFTER INSERT OR UPDATE OR DELETE ON activity_reports
  FOR EACH ROW EXECUTE FUNCTION public.programs_bump_progress_version();
CREATE TRIGGER program_activities_progress_version AFTER INSERT OR UPDATE OR DELETE ON program_activities
  FOR EACH ROW EXECUTE FUNCTION public.programs_bump_progress_version();
CREATE TRIGGER activity_regions_progress_version AFTER INSERT OR DELETE ON activity_regions
  FOR EACH ROW EXECUTE FUNCTION public.programs_bump_progress_version();
CREATE TRIGGER activity_targets_progress_version AFTER INSERT OR UPDATE OR DELETE ON activity_targets
  FOR EACH ROW EXECUTE FUNCTION public.programs_bump_progress_version();
