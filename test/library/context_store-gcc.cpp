// The reference store's runtime tests, built with GCC.
//
// REQUIRES: gxx
// RUN: %gxx %store_flags %S/context_store.cpp -o %t && %t
