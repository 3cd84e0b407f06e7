//! Who sees what, and where it lands: the sites of a build (`plan`), their
//! navigation (`nav`) and the place of every output file (`layout`).

pub(crate) mod layout;
pub(crate) mod links;
pub(crate) mod nav;
pub(crate) mod plan;

pub(crate) use plan::{canonical_root, Selection, Site, SiteId, SiteKind};
