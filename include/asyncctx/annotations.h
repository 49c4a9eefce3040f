// asyncctx/annotations.h - role annotations for async context stores.
//
// A library marks the entities of its context-store API with the role each
// one plays; the asyncctx clang-tidy checks recognise the API by these roles,
// never by names. Under clang each macro expands to
// [[clang::annotate("asyncctx::<role>")]]; under other compilers it expands
// to nothing, so an annotated header stays portable.
//
// Placement: a class macro goes between the class-key and the name
// (`class ASYNCCTX_STORE my_store`), a function macro in front of the
// declaration (`ASYNCCTX_READ T* get_store() const;`).
#ifndef ASYNCCTX_ANNOTATIONS_H
#define ASYNCCTX_ANNOTATIONS_H

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::annotate)
#define ASYNCCTX_ANNOTATE_(role) [[clang::annotate("asyncctx::" role)]]
#endif
#endif

#ifndef ASYNCCTX_ANNOTATE_
#define ASYNCCTX_ANNOTATE_(role)
#endif

/// Class: a context store type.
#define ASYNCCTX_STORE ASYNCCTX_ANNOTATE_("store")
/// Function: runs a callable (second argument) with a value (first argument)
/// current, restores the previous value afterwards, also on exception, and
/// returns the callable's result. Further arguments go to the callable.
#define ASYNCCTX_RUN ASYNCCTX_ANNOTATE_("run")
/// Function: runs a callable (first argument) with no value current.
#define ASYNCCTX_EXIT ASYNCCTX_ANNOTATE_("exit")
/// Function: returns the current value, or null/empty where none is current.
#define ASYNCCTX_READ ASYNCCTX_ANNOTATE_("read")
/// Function: captures the current value (or none) for propagation, to be made
/// current again elsewhere (a guard on another thread, a restore). Not a
/// read: it may run where no scope is active.
#define ASYNCCTX_SNAPSHOT ASYNCCTX_ANNOTATE_("snapshot")
/// Function: makes a value current for the rest of the synchronous execution,
/// with no scope.
#define ASYNCCTX_ENTER_WITH ASYNCCTX_ANNOTATE_("enter_with")
/// Function: clears what an ASYNCCTX_ENTER_WITH function set.
#define ASYNCCTX_DISABLE ASYNCCTX_ANNOTATE_("disable")
/// Function: returns a callable that, when called later, runs with the value
/// that was current when it was made.
#define ASYNCCTX_BIND ASYNCCTX_ANNOTATE_("bind")
/// Class: RAII; constructing it makes a value current in the store passed to
/// the constructor, destroying it restores the previous value.
#define ASYNCCTX_SCOPE_GUARD ASYNCCTX_ANNOTATE_("scope_guard")
/// Function: may only be called where a scope is active; the reads in its
/// body are checked at its callers.
#define ASYNCCTX_REQUIRES_SCOPE ASYNCCTX_ANNOTATE_("requires_scope")
/// Function: an invocation entry point (a Lambda handler, a request handler,
/// a pool task). It starts with no value current and must leave none behind.
#define ASYNCCTX_INVOCATION ASYNCCTX_ANNOTATE_("invocation")
/// Function: runs a callable argument later or elsewhere (an executor's post,
/// a pool's submit, a thread). The callable starts with no value current
/// unless it came from an ASYNCCTX_BIND function.
#define ASYNCCTX_SPAWN ASYNCCTX_ANNOTATE_("spawn")
/// Function: calls its callable arguments before it returns, where it is
/// called (an algorithm of yours, a retry helper): they run in the caller's
/// scope.
#define ASYNCCTX_RUNS_IN_PLACE ASYNCCTX_ANNOTATE_("runs_in_place")
/// Class: a coroutine task type that restores every store's value each time
/// it resumes, so a scope held across its suspensions stays correct.
#define ASYNCCTX_CARRIES_CONTEXT ASYNCCTX_ANNOTATE_("carries_context")
/// Class: an executor (a thread pool, a work queue, an event loop) that runs
/// the callables given to its member functions later and carries the context
/// with each: it keeps a snapshot with each item and runs the item under it.
/// A callable handed to it needs no ASYNCCTX_BIND; its own code is checked
/// for the snapshot. Classes derived from it are executors too.
#define ASYNCCTX_EXECUTOR ASYNCCTX_ANNOTATE_("executor")
/// Function: schedules a callable or a callback object for later and keeps
/// the context current at the call with it, implicitly (always, or through a
/// defaulted argument): the callable runs in that context, and a callback
/// object that outlives the request keeps that request's context alive.
#define ASYNCCTX_CAPTURES_CONTEXT ASYNCCTX_ANNOTATE_("captures_context")

#endif // ASYNCCTX_ANNOTATIONS_H
