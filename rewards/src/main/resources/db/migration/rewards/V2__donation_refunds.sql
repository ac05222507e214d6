-- One row per donation whose coupons were issued or revoked: the row lock both take first, so a donation's issuing and
-- its refund's revocation never run side by side, and what is left of the donation after its refunds (null: no refund
-- yet). The donations module's events may arrive in either order: issuing after a refund issues only what the kept
-- amount still earns (nothing after a full refund).
create table coupon_donation (
    donation_ref  varchar(150)  not null,
    kept_satang   bigint,                  -- the least that was left after the refunds heard of so far
    refunded_at   datetime(6),
    primary key (donation_ref)
) engine = InnoDB;
