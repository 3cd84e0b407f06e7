//! Who sees what, and where it lands: the sites of a build (`plan`), their
//! navigation (`nav`) and the place of every output file (`layout`).

pub mod layout;
pub mod links;
pub mod nav;
pub mod plan;

pub use plan::{canonical_root, canonical_site, Selection, Site, SiteId, SiteKind};
