// Runtime behaviour of the reference store, asyncctx/context_store.h.
//
// RUN: %clangxx %store_flags %s -o %t && %t
// RUN: %clangxx %store_flags -fsanitize=address,undefined -fno-sanitize-recover=all %s -o %t.asan && %t.asan
// RUN: %clangxx %store_flags -fsanitize=thread %s -o %t.tsan && %t.tsan

#include "asyncctx/context_store.h"

#include <cstdio>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

static int failures = 0;

#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

using asyncctx::context_store;

static std::string current(const context_store<std::string> &s) {
  const std::string *v = s.get_store();
  return v ? *v : "<none>";
}

static void empty_outside_any_scope() {
  context_store<std::string> s;
  EXPECT(s.get_store() == nullptr);
}

static void run_sets_and_restores() {
  context_store<std::string> s;
  int r = s.run("a", [&] {
    EXPECT(current(s) == "a");
    s.run("b", [&] { EXPECT(current(s) == "b"); });
    EXPECT(current(s) == "a");
    return 7;
  });
  EXPECT(r == 7);
  EXPECT(s.get_store() == nullptr);
}

static void run_forwards_arguments_and_references() {
  context_store<int> s;
  int x = 1;
  int &ref = s.run(5, [](int &v, int add) -> int & { v += add; return v; }, x, 2);
  EXPECT(&ref == &x);
  EXPECT(x == 3);
}

static void run_restores_on_exception() {
  context_store<std::string> s;
  bool caught = false;
  s.run("outer", [&] {
    try {
      s.run("inner", [] { throw std::runtime_error("boom"); });
    } catch (const std::runtime_error &) {
      caught = true;
    }
    EXPECT(current(s) == "outer");
  });
  EXPECT(caught);
  EXPECT(s.get_store() == nullptr);
}

static void stores_are_independent() {
  context_store<std::string> a, b;
  a.run("x", [&] {
    EXPECT(current(a) == "x");
    EXPECT(b.get_store() == nullptr);
    b.run("y", [&] { EXPECT(current(a) == "x"); EXPECT(current(b) == "y"); });
  });
}

static void value_is_mutable_inside_run() {
  context_store<int> s;
  s.run(1, [&] {
    ++*s.get_store();
    EXPECT(*s.get_store() == 2);
  });
}

static void enter_with_lasts_until_disable() {
  context_store<std::string> s;
  s.enter_with("e");
  EXPECT(current(s) == "e");
  s.run("r", [&] { EXPECT(current(s) == "r"); });
  EXPECT(current(s) == "e");
  s.disable();
  EXPECT(s.get_store() == nullptr);
  s.disable(); // twice is harmless
  EXPECT(s.get_store() == nullptr);
}

static void enter_with_inside_run_ends_with_run() {
  context_store<std::string> s;
  s.run("r", [&] {
    s.enter_with("e");
    EXPECT(current(s) == "e");
  });
  EXPECT(s.get_store() == nullptr);
}

static void exit_clears_and_restores() {
  context_store<std::string> s;
  s.run("r", [&] {
    s.exit([&] { EXPECT(s.get_store() == nullptr); });
    EXPECT(current(s) == "r");
  });
}

static void bind_captures_the_value_of_the_moment() {
  context_store<std::string> s;
  auto bound = s.run("req-1", [&] { return s.bind([&] { return current(s); }); });
  EXPECT(s.get_store() == nullptr);
  EXPECT(bound() == "req-1");
  s.run("req-2", [&] { EXPECT(bound() == "req-1"); });
  auto unbound = s.bind([&] { return current(s); });
  s.run("req-3", [&] { EXPECT(unbound() == "<none>"); });
}

static void bind_carries_the_value_to_another_thread() {
  context_store<std::string> s;
  std::string seen_bound, seen_plain;
  s.run("req", [&] {
    std::thread t1(s.bind([&] { seen_bound = current(s); }));
    std::thread t2([&] { seen_plain = current(s); });
    t1.join();
    t2.join();
  });
  EXPECT(seen_bound == "req");
  EXPECT(seen_plain == "<none>");
  auto f = s.run("async", [&] {
    return std::async(std::launch::async, s.bind([&](int n) { return current(s) + std::to_string(n); }), 1);
  });
  EXPECT(f.get() == "async1");
}

static void values_are_per_thread() {
  context_store<int> s;
  s.enter_with(1);
  int seen = -1;
  std::thread([&] {
    seen = s.get_store() ? *s.get_store() : 0;
    s.enter_with(2);
  }).join();
  EXPECT(seen == 0);
  EXPECT(*s.get_store() == 1);
  s.disable();
}

static void scope_guard_sets_and_restores() {
  context_store<std::string> s;
  {
    asyncctx::scope<std::string> g(s, "guard");
    EXPECT(current(s) == "guard");
    {
      asyncctx::scope<std::string> inner(s, "inner");
      EXPECT(current(s) == "inner");
    }
    EXPECT(current(s) == "guard");
    s.run("r", [&] { EXPECT(current(s) == "r"); });
  }
  EXPECT(s.get_store() == nullptr);
}

static void move_only_values() {
  context_store<std::unique_ptr<int>> s;
  s.run(std::make_unique<int>(4), [&] { EXPECT(**s.get_store() == 4); });
  s.enter_with(std::make_unique<int>(5));
  EXPECT(**s.get_store() == 5);
  s.disable();
}

int main() {
  empty_outside_any_scope();
  run_sets_and_restores();
  run_forwards_arguments_and_references();
  run_restores_on_exception();
  stores_are_independent();
  value_is_mutable_inside_run();
  enter_with_lasts_until_disable();
  enter_with_inside_run_ends_with_run();
  exit_clears_and_restores();
  bind_captures_the_value_of_the_moment();
  bind_carries_the_value_to_another_thread();
  values_are_per_thread();
  scope_guard_sets_and_restores();
  move_only_values();
  if (failures)
    std::fprintf(stderr, "%d expectation(s) failed\n", failures);
  return failures ? 1 : 0;
}
