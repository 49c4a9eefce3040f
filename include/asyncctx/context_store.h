// asyncctx/context_store.h - a reference async context store for C++17.
//
// The C++ counterpart of Node.js AsyncLocalStorage, annotated with the roles
// of asyncctx/annotations.h so that the asyncctx clang-tidy checks understand
// it. Each store instance has, per thread, one current value:
//
//   asyncctx::context_store<Claims> claims_storage;
//
//   claims_storage.run(claims, [] { list(); });   // current inside the call
//   Claims *c = claims_storage.get_store();         // nullptr outside any run
//
// Scopes nest: run(), exit() and scope<T> save the thread's current value and
// put it back when they end, also when the callable throws. enter_with() sets
// a value with no scope ("for the rest of the synchronous execution"); inside
// a run() it lasts until that run() ends, outside any run() until disable().
// bind() captures the current value for a later call, on any thread.
//
// Stores are meant to be long-lived (namespace-scope or static) objects; a
// store must outlive every callable bind() made from it.
#ifndef ASYNCCTX_CONTEXT_STORE_H
#define ASYNCCTX_CONTEXT_STORE_H

#include "asyncctx/annotations.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace asyncctx {

template <class T> class scope;

namespace detail {

/// What one store has current on one thread.
struct slot {
  /// The value get_store() returns; null where none is current.
  void *current = nullptr;
  /// Owns the value enter_with() made current, if that is the current one.
  std::shared_ptr<void> entered;
};

using store_id = std::uint64_t;

inline store_id next_store_id() noexcept {
  static std::atomic<store_id> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

/// This thread's slots, by store. Entries are never erased, so a reference to
/// a slot stays valid for the thread's lifetime (the map is node-based).
inline std::unordered_map<store_id, slot> &thread_slots() {
  thread_local std::unordered_map<store_id, slot> slots;
  return slots;
}

inline const slot *find_slot(store_id id) noexcept {
  const auto &slots = thread_slots();
  auto it = slots.find(id);
  return it == slots.end() ? nullptr : &it->second;
}

/// Makes `next` the thread's slot of a store for its own lifetime, then puts
/// the previous slot back (also during stack unwinding).
class slot_swap {
public:
  slot_swap(store_id id, slot next)
      : slot_(&thread_slots()[id]), previous_(std::exchange(*slot_, std::move(next))) {}
  ~slot_swap() { *slot_ = std::move(previous_); }
  slot_swap(const slot_swap &) = delete;
  slot_swap &operator=(const slot_swap &) = delete;

private:
  slot *slot_;
  slot previous_;
};

} // namespace detail

template <class T> class ASYNCCTX_STORE context_store {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>,
                "context_store<T> holds values of a non-const object type");

public:
  context_store() noexcept : id_(detail::next_store_id()) {}
  context_store(const context_store &) = delete;
  context_store &operator=(const context_store &) = delete;

  /// Calls fn(args...) with `value` current in this store and returns its
  /// result; the previous value is current again afterwards.
  template <class F, class... A>
  ASYNCCTX_RUN decltype(auto) run(T value, F &&fn, A &&...args) {
    return with_slot(detail::slot{&value, nullptr}, std::forward<F>(fn),
                     std::forward<A>(args)...);
  }

  /// Calls fn(args...) with no value current in this store.
  template <class F, class... A>
  ASYNCCTX_EXIT decltype(auto) exit(F &&fn, A &&...args) {
    return with_slot(detail::slot{}, std::forward<F>(fn), std::forward<A>(args)...);
  }

  /// The current value, or nullptr outside any scope.
  ASYNCCTX_READ T *get_store() const noexcept {
    const detail::slot *s = detail::find_slot(id_);
    return s ? static_cast<T *>(s->current) : nullptr;
  }

  /// Makes `value` current with no scope: until the enclosing run() ends, or
  /// outside any run() until disable().
  ASYNCCTX_ENTER_WITH void enter_with(T value) {
    auto owned = std::make_shared<T>(std::move(value));
    detail::slot &s = detail::thread_slots()[id_];
    s.current = owned.get();
    s.entered = std::move(owned);
  }

  /// Clears the current value on this thread, and what enter_with() set.
  ASYNCCTX_DISABLE void disable() noexcept {
    auto &slots = detail::thread_slots();
    auto it = slots.find(id_);
    if (it != slots.end())
      it->second = detail::slot{};
  }

  /// Returns a callable that calls fn with a copy of the value current now
  /// (or with none, if none is current now), whenever and wherever it is
  /// called.
  template <class F> ASYNCCTX_BIND auto bind(F &&fn) const {
    std::shared_ptr<const T> captured;
    if (const T *value = get_store())
      captured = std::make_shared<const T>(*value);
    return [store = this, captured = std::move(captured),
            fn = std::forward<F>(fn)](auto &&...args) mutable -> decltype(auto) {
      if (!captured)
        return store->with_slot(detail::slot{}, fn, std::forward<decltype(args)>(args)...);
      T value(*captured);
      return store->with_slot(detail::slot{&value, nullptr}, fn,
                              std::forward<decltype(args)>(args)...);
    };
  }

private:
  friend class scope<T>;

  template <class F, class... A>
  decltype(auto) with_slot(detail::slot next, F &&fn, A &&...args) const {
    detail::slot_swap swap(id_, std::move(next));
    return std::invoke(std::forward<F>(fn), std::forward<A>(args)...);
  }

  detail::store_id id_;
};

/// RAII scope: `asyncctx::scope<Claims> s(claims_storage, claims);` makes
/// `claims` current in the store until `s` is destroyed. Guards must end in
/// the reverse order of their construction, as any block-scoped object does.
template <class T> class [[nodiscard]] ASYNCCTX_SCOPE_GUARD scope {
public:
  scope(context_store<T> &store, T value)
      : value_(std::move(value)), swap_(store.id_, detail::slot{&value_, nullptr}) {}

private:
  T value_; // declared before swap_: the value outlives its time as current
  detail::slot_swap swap_;
};

} // namespace asyncctx

#endif // ASYNCCTX_CONTEXT_STORE_H
