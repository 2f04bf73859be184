-- Which entities a campaign recognises: those ranked in the top N of its final ranking,
-- nationally, in their region or among their entity type (ties at N included). Their
-- officials (members) may download a personal recognition certificate.
alter table recognition_campaigns
    add column recognised_top int not null default 3
        check (recognised_top between 1 and 50);
