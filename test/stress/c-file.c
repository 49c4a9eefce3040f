/* A C file: the checks are C++ only and stay silent, even on functions that
 * share the C++ API's names.
 *
 * RUN: %check_asyncctx --std=c11 %s 'asyncctx-*' %t
 */

struct store { int value; };
static struct store claims_storage;

void enter_with(struct store *s, int v) { s->value = v; }
int *get_store(struct store *s) { return &s->value; }

int main(void) {
  enter_with(&claims_storage, 1);
  return *get_store(&claims_storage);
}
