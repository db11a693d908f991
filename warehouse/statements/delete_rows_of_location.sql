-- A new snapshot (or a new parse) of a page replaces what the page's older snapshots said,
-- rows and quarantined rows alike.
delete from rankings where snapshot_id in (select id from snapshots where source = $source and location = $location);
delete from observations where snapshot_id in (select id from snapshots where source = $source and location = $location);
delete from firms where snapshot_id in (select id from snapshots where source = $source and location = $location);
delete from quarantine where snapshot_id in (select id from snapshots where source = $source and location = $location);
