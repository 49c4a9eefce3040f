"""Writes a translation unit with one invocation of N statements (branches,
loops, switches, guards, nested run() calls), every read scoped; and, with
--error-every K, a compile error every K statements."""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--statements", type=int, default=20000)
args = parser.parse_args()

out = ['#include "mock_store.h"', "mock::store<Claims> claims_storage;", "void use(Claims *c);",
       "ASYNCCTX_INVOCATION void entry(Claims c, int n) {",
       "  claims_storage.run(c, [&] {"]
shapes = [
    "    use(claims_storage.get_store());",
    "    if (n > {i}) use(claims_storage.get_store()); else n += {i};",
    "    for (int i = 0; i < n % 3; ++i) use(claims_storage.get_store());",
    "    switch (n % 4) {{ case 0: use(claims_storage.get_store()); [[fallthrough]]; case 1: break; default: n--; }}",
    "    {{ mock::scope<Claims> g{i}(claims_storage, c); use(claims_storage.get_store()); }}",
    "    claims_storage.run(c, [&] {{ use(claims_storage.get_store()); }});",
    "    while (n > 1000000) {{ n /= 2; use(claims_storage.get_store()); }}",
]
for i in range(args.statements):
    out.append(shapes[i % len(shapes)].format(i=i))
out += ["  });", "}", ""]
print("\n".join(out))
