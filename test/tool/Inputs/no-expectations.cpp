#include "mock_store.h"
mock::store<Claims> s;
void f() { s.enter_with(Claims{}); }
