pub mod issue;
pub mod issues;
