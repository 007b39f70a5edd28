//! rantai
