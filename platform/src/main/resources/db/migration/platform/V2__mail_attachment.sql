-- At most one file per mail (an .ics calendar entry for an assignment), kept with the mail in the
-- same row so it is queued, sent, purged and erased (PDPA) exactly like the mail itself. Null for a
-- mail without one. MailAttachment caps the content at 1 MB, well inside max_allowed_packet.
alter table mail_outbox
    add column attachment_name varchar(200),
    add column attachment_type varchar(100),
    add column attachment      mediumblob;
