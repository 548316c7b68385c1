//! Running plugin tests.
