// Included many times, with a different namespace each time and no include
// guard: the same correct code, over and over.
namespace REPEATED_NS {
inline void read_scoped(Claims c) {
  claims_storage.run(c, [] { use(claims_storage.get_store()); });
}
} // namespace REPEATED_NS
#undef REPEATED_NS
