-- Publishers: entity types for the recognition rankings gain AUTONOMOUS_BODY; a region, when set,
-- is not blank (rankings by region group on it, without case).
alter table publishers drop constraint publishers_type_check;
alter table publishers add constraint publishers_type_check
    check (type in ('MINISTRY', 'REGIONAL_GOVERNMENT', 'MUNICIPALITY', 'AUTONOMOUS_BODY', 'OTHER'));
update publishers set region = null where btrim(region) = '';
alter table publishers add constraint publishers_region_not_blank
    check (region is null or btrim(region) <> '');
