-- Owner: command-side contact directory (ContactDirectory; docs/table-owners.md).
-- Ids of erased contacts. A new contact's id is derived (keyed) from the identity it is first seen with, so a number
-- that writes again after its contact was erased would derive the erased contact's id: an id listed here counts as
-- taken, and the new contact gets the next id of the derivation, which cannot be linked to this one without the key.
-- Holds ids only, no number.
create table retired_contact_id (
    contact_id varchar(64) not null primary key
);
