//! What every stage shares: the version table and the routes.

pub mod routes;
pub mod version;
