//===--- RoleConfig.cpp - asyncctx-tidy -----------------------------------===//
//
// The option keys, their parsing, and the built-in profiles. A profile is
// data: the names of one library's API with the role each plays, taken from
// the library's real headers (docs/profiles.md has them as tables).
//
//===----------------------------------------------------------------------===//

#include "RoleConfig.h"

#include "llvm/Support/FileSystem.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::asyncctx {
namespace {

struct ProfileEntry {
  Role R;
  llvm::StringLiteral Name;
  unsigned Traits = 0;
};

struct ProfileStore {
  llvm::StringLiteral Name;
  /// How the warnings name the scoped way to set it; empty: none.
  llvm::StringLiteral ScopedAlternative;
  llvm::ArrayRef<ProfileEntry> Entries;
};

struct Profile {
  llvm::StringLiteral Name;
  llvm::ArrayRef<ProfileStore> Stores;
  llvm::ArrayRef<llvm::StringLiteral> Runners = {};
  /// Roles that name no store (spawns, task types).
  llvm::ArrayRef<ProfileEntry> Storeless = {};
};

// folly/io/async/Request.h
constexpr ProfileEntry FollyRequestContext[] = {
    {Role::EnterWith, "folly::RequestContext::setContext"},
    {Role::EnterWith, "folly::RequestContext::create"},
    {Role::Read, "folly::RequestContext::get", NeverNull},
    {Role::Read, "folly::RequestContext::try_get"},
    {Role::Snapshot, "folly::RequestContext::saveContext"},
    {Role::ScopeGuard, "folly::RequestContextScopeGuard"},
    {Role::ScopeGuard, "folly::ShallowCopyRequestContextScopeGuard"},
    {Role::ScopeGuard, "folly::RequestContextSaverScopeGuard", RestoresOnly},
};
constexpr ProfileStore Folly[] = {
    {"folly::RequestContext", "'folly::RequestContextScopeGuard'", FollyRequestContext}};

// opentelemetry/context/runtime_context.h, opentelemetry/trace/scope.h,
// opentelemetry/trace/tracer.h (all in the inline namespace v1).
constexpr ProfileEntry OtelRuntimeContext[] = {
    {Role::ScopeGuard, "opentelemetry::context::RuntimeContext::Attach"},
    {Role::Disable, "opentelemetry::context::RuntimeContext::Detach"},
    {Role::Read, "opentelemetry::context::RuntimeContext::GetCurrent", NeverNull},
    {Role::Read, "opentelemetry::context::RuntimeContext::GetValue"},
    {Role::ScopeGuard, "opentelemetry::trace::Scope"},
    {Role::ScopeGuard, "opentelemetry::trace::Tracer::WithActiveSpan"},
    {Role::Read, "opentelemetry::trace::Tracer::GetCurrentSpan"},
};
constexpr ProfileStore OpenTelemetry[] = {
    {"opentelemetry::context::RuntimeContext", "", OtelRuntimeContext}};

// log4cxx/mdc.h, log4cxx/ndc.h
constexpr ProfileEntry Log4cxxMDC[] = {
    {Role::ScopeGuard, "log4cxx::MDC"},
    {Role::EnterWith, "log4cxx::MDC::put"},
    {Role::EnterWith, "log4cxx::MDC::putLS"},
    {Role::Disable, "log4cxx::MDC::remove"},
    {Role::Disable, "log4cxx::MDC::clear"},
    {Role::Read, "log4cxx::MDC::get"},
};
constexpr ProfileEntry Log4cxxNDC[] = {
    {Role::ScopeGuard, "log4cxx::NDC"},
    {Role::EnterWith, "log4cxx::NDC::push"},
    {Role::EnterWith, "log4cxx::NDC::pushLS"},
    {Role::Disable, "log4cxx::NDC::pop"},
    {Role::Disable, "log4cxx::NDC::clear"},
    {Role::Disable, "log4cxx::NDC::remove"},
    {Role::Read, "log4cxx::NDC::get"},
    {Role::Read, "log4cxx::NDC::peek"},
};
constexpr ProfileStore Log4cxx[] = {
    {"log4cxx::MDC", "a 'log4cxx::MDC' object", Log4cxxMDC},
    {"log4cxx::NDC", "a 'log4cxx::NDC' object", Log4cxxNDC},
};

// spdlog/mdc.h (spdlog 1.15)
constexpr ProfileEntry SpdlogMdc[] = {
    {Role::EnterWith, "spdlog::mdc::put"},
    {Role::Read, "spdlog::mdc::get"},
    {Role::Read, "spdlog::mdc::get_context"},
    {Role::Disable, "spdlog::mdc::remove"},
    {Role::Disable, "spdlog::mdc::clear"},
};
constexpr ProfileStore Spdlog[] = {{"spdlog::mdc", "", SpdlogMdc}};

// boost/log/core/core.hpp, boost/log/attributes/scoped_attribute.hpp (in the
// inline namespace v2_mt_posix or its like).
constexpr ProfileEntry BoostLogThreadAttributes[] = {
    {Role::ScopeGuard, "boost::log::add_scoped_thread_attribute"},
    {Role::ScopeGuard, "boost::log::aux::scoped_thread_attribute"},
    {Role::EnterWith, "boost::log::core::add_thread_attribute"},
    {Role::Disable, "boost::log::core::remove_thread_attribute"},
    {Role::Read, "boost::log::core::get_thread_attributes"},
};
constexpr ProfileStore BoostLog[] = {
    {"boost::log::core", "'BOOST_LOG_SCOPED_THREAD_ATTR'", BoostLogThreadAttributes}};

// boost/asio/post.hpp, dispatch.hpp, defer.hpp, co_spawn.hpp, and the same in
// standalone Asio's asio/ (namespace asio): each runs its handler on an
// executor, where no value is current.
constexpr ProfileEntry AsioSpawns[] = {
    {Role::Spawn, "boost::asio::post"},     {Role::Spawn, "boost::asio::dispatch"},
    {Role::Spawn, "boost::asio::defer"},    {Role::Spawn, "boost::asio::co_spawn"},
    {Role::Spawn, "asio::post"},            {Role::Spawn, "asio::dispatch"},
    {Role::Spawn, "asio::defer"},           {Role::Spawn, "asio::co_spawn"},
};

// The roles of folly that name no store.
// folly/coro/Task.h, folly/coro/AsyncGenerator.h, folly/coro/ViaIfAsync.h:
// a task restores the RequestContext it was started with each time it
// resumes.
constexpr ProfileEntry FollyStoreless[] = {
    {Role::CarriesContext, "folly::coro::Task"},
    {Role::CarriesContext, "folly::coro::AsyncGenerator"},
    // What co_viaIfAsync returns for an awaitable: it saves the context when
    // the coroutine suspends and puts it back when it resumes.
    {Role::CarriesContext, "folly::coro::ViaIfAsyncAwaitable"},
    {Role::CarriesContext, "folly::coro::StackAwareViaIfAsyncAwaitable"},
    // Deferred work in folly (docs/real-bugs.md tabulates it, with file:line at
    // folly ff98381): folly::Executor's contract is that an executor carries the
    // RequestContext to the work it runs (every implementation saves it with each
    // task and installs it where the task runs: CPUThreadPoolExecutor,
    // IOThreadPoolExecutor, SerialExecutor, StrandExecutor, EventBase,
    // FiberManager, ...), and so does a strand's StrandContext; their own code is
    // checked for it. ManualExecutor, TimedDrivableExecutor and ThreadedExecutor
    // keep no context: a callable given to them starts with none. The continuations of futures, the
    // loop callbacks and timeouts of an EventBase, and fibers take the context
    // current at the call, implicitly.
    {Role::Executor, "folly::Executor"},
    {Role::Executor, "folly::StrandContext"},
    {Role::Spawn, "folly::ManualExecutor::add"},
    {Role::Spawn, "folly::ManualExecutor::scheduleAt"},
    {Role::Spawn, "folly::ThreadedExecutor::add"},
    {Role::Spawn, "folly::TimedDrivableExecutor::add"},
    {Role::CapturesContext, "folly::EventBase::runInLoop"},
    {Role::CapturesContext, "folly::AsyncTimeout::scheduleTimeout"},
    {Role::CapturesContext, "folly::AsyncTimeout::scheduleTimeoutHighRes"},
    {Role::CapturesContext, "folly::HHWheelTimerBase::scheduleTimeout"},
    {Role::CapturesContext, "folly::HHWheelTimerBase::scheduleTimeoutFn"},
    {Role::CapturesContext, "folly::fibers::addTask"},
    {Role::CapturesContext, "folly::via"},
    {Role::CapturesContext, "folly::Future::thenValue"},
    {Role::CapturesContext, "folly::Future::thenValueInline"},
    {Role::CapturesContext, "folly::Future::thenTry"},
    {Role::CapturesContext, "folly::Future::thenTryInline"},
    {Role::CapturesContext, "folly::Future::thenError"},
    {Role::CapturesContext, "folly::Future::ensure"},
    {Role::CapturesContext, "folly::SemiFuture::defer"},
    {Role::CapturesContext, "folly::SemiFuture::deferValue"},
    {Role::CapturesContext, "folly::SemiFuture::deferError"},
    {Role::CapturesContext, "folly::SemiFuture::deferEnsure"},
};

// aws/lambda-runtime/runtime.h
constexpr llvm::StringLiteral AwsLambdaRunners[] = {"aws::lambda_runtime::run_handler"};

constexpr Profile Profiles[] = {
    {"asio", {}, {}, AsioSpawns},
    {"aws-lambda", {}, AwsLambdaRunners},
    {"boost-log", BoostLog},
    {"folly", Folly, {}, FollyStoreless},
    {"log4cxx", Log4cxx},
    {"opentelemetry", OpenTelemetry},
    {"spdlog", Spdlog},
};

constexpr llvm::StringLiteral DefaultProfiles = "aws-lambda";

/// The nullable counterpart of a NeverNull read, where the library has one.
constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral> NullableReads[] = {
    {"folly::RequestContext::get", "folly::RequestContext::try_get"}};

constexpr llvm::StringLiteral ProfilesKey = "asyncctx.Profiles";
constexpr llvm::StringLiteral RunnersKey = "asyncctx.InvocationRunners";
constexpr llvm::StringLiteral NeverEmptyKey = "asyncctx.NeverEmptyReads";
constexpr llvm::StringLiteral FactsDirKey = "asyncctx.FactsDir";

/// `a::b::c`, with an optional leading `::`.
bool isQualifiedName(llvm::StringRef Name) {
  Name.consume_front("::");
  if (Name.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, "::");
  return llvm::all_of(Parts, [](llvm::StringRef Part) {
    return !Part.empty() && (llvm::isAlpha(Part[0]) || Part[0] == '_') &&
           llvm::all_of(Part, [](char C) { return llvm::isAlnum(C) || C == '_'; });
  });
}

/// The scope that \p Name is written in (`a::b` of `a::b::c`); a name at
/// the top level is its own.
llvm::StringRef writtenScope(llvm::StringRef Name) {
  size_t Colons = Name.rfind("::");
  return Colons == llvm::StringRef::npos ? Name : Name.take_front(Colons);
}

/// Whether \p Written (`corp::v3::request`, as a configuration wrote it)
/// names \p Scope (`corp::request`, as the role layer names a declaration's
/// scope) with some inline namespaces spelled out: the same last part, and
/// Scope's parts among Written's in order.
bool namesScope(llvm::StringRef Written, llvm::StringRef Scope) {
  llvm::SmallVector<llvm::StringRef, 4> W, S;
  Written.split(W, "::");
  Scope.split(S, "::");
  if (W.back() != S.back())
    return false;
  size_t I = 0;
  for (llvm::StringRef Part : W)
    if (I < S.size() && Part == S[I])
      ++I;
  return I == S.size();
}

llvm::StringRef optionValue(const ClangTidyOptions::OptionMap &Options, llvm::StringRef Key,
                            llvm::StringRef Default) {
  auto It = Options.find(Key);
  return It == Options.end() ? Default : llvm::StringRef(It->second.Value);
}

std::string knownProfiles() {
  std::string List;
  for (const Profile &P : Profiles)
    List += (List.empty() ? "" : ", ") + P.Name.str();
  return List;
}

} // namespace

std::vector<llvm::StringRef> RoleConfig::keys() {
  std::vector<llvm::StringRef> Keys{ProfilesKey, RunnersKey, NeverEmptyKey, FactsDirKey};
  for (const RoleInfo &Info : allRoles())
    Keys.push_back(Info.Key);
  return Keys;
}

std::vector<std::string> RoleConfig::unknownKeys(const ClangTidyOptions::OptionMap &Options) {
  // clang-tidy's --verify-config says the same of any key, but only there:
  // a normal run would ignore a misspelt key and run without its names.
  std::vector<llvm::StringRef> Known = keys();
  std::vector<std::string> Errors;
  for (const auto &Entry : Options) {
    llvm::StringRef Name = Entry.getKey();
    size_t At = Name.starts_with("asyncctx.") ? 0 : Name.find(".asyncctx.");
    if (At == llvm::StringRef::npos)
      continue;
    llvm::StringRef Key = Name.drop_front(At == 0 ? 0 : At + 1);
    if (llvm::is_contained(Known, Key))
      continue;
    llvm::StringRef Closest;
    unsigned Distance = ~0u;
    for (llvm::StringRef Candidate : Known)
      if (unsigned D = Key.edit_distance(Candidate, true, 4); D < Distance)
        std::tie(Closest, Distance) = std::make_pair(Candidate, D);
    std::string Error = "unknown key '" + Name.str() + "'";
    if (Distance <= 3)
      Error += "; did you mean '" + Name.take_front(Name.size() - Key.size()).str() +
               Closest.str() + "'?";
    Errors.push_back(std::move(Error));
  }
  llvm::sort(Errors);
  return Errors;
}

llvm::StringRef RoleConfig::storeName(llvm::StringRef Name) {
  Name.consume_front("::");
  if (Name.empty())
    return {};
  return StoreNames.insert(Name).first->getKey();
}

llvm::StringRef RoleConfig::knownStoreName(llvm::StringRef Name) const {
  auto It = StoreNames.find(Name);
  return It == StoreNames.end() ? llvm::StringRef() : It->getKey();
}

void RoleConfig::add(llvm::StringRef Name, Role R, llvm::StringRef Store, unsigned Traits) {
  Name.consume_front("::");
  ByName.insert_or_assign(Name, ConfiguredRole{R, storeName(Store), Traits});
}

void RoleConfig::parseKey(const ClangTidyOptions::OptionMap &Options, llvm::StringRef Key,
                          std::optional<Role> R, std::vector<std::string> &Errors) {
  llvm::StringRef Value = optionValue(Options, Key, "");
  Values.emplace_back(Key.str(), Value.str());
  bool StoreAllowed = R && refersToStore(*R);
  llvm::StringRef Hint = StoreAllowed ? " (write 'ns::Class::member', or "
                                        "'ns::Class::member=ns::Store' to name its store)"
                         : R      ? " (write 'ns::Name')"
                                  : " (write 'ns::function')";
  for (llvm::StringRef Item : utils::options::parseStringList(Value)) {
    auto [Name, Store] = Item.split('=');
    Name = Name.trim();
    Store = Store.trim();
    if (!isQualifiedName(Name) || (Item.contains('=') && (!StoreAllowed || !isQualifiedName(Store)))) {
      Errors.push_back((Key + ": '" + Item + "' is not a qualified name" + Hint).str());
      continue;
    }
    if (!R) {
      Runners.push_back(Name.ltrim(':').str());
      continue;
    }
    if (*R == Role::Invocation) {
      Invocations.push_back(Name.str());
      continue;
    }
    add(Name, *R, Store, 0);
    // The scoped form a warning names: the first RUN or guard configured for
    // the store (its written scope, when the store is not named).
    if (*R == Role::Run || *R == Role::ScopeGuard) {
      std::string Text = ("'" + Name.ltrim(':') + "'").str();
      if (!Store.empty())
        Alternatives.try_emplace(storeName(Store), Text);
      else
        ScopeAlternatives.emplace_back(writtenScope(Name.ltrim(':')).str(), Text);
    }
  }
}

void RoleConfig::parseNeverEmpty(const ClangTidyOptions::OptionMap &Options,
                                 std::vector<std::string> &Errors) {
  llvm::StringRef Value = optionValue(Options, NeverEmptyKey, "");
  Values.emplace_back(NeverEmptyKey.str(), Value.str());
  for (llvm::StringRef Item : utils::options::parseStringList(Value)) {
    auto [Name, Store] = Item.split('=');
    Name = Name.trim().ltrim(':');
    Store = Store.trim();
    if (!isQualifiedName(Name) || (Item.contains('=') && !isQualifiedName(Store))) {
      Errors.push_back((NeverEmptyKey + ": '" + Item +
                        "' is not a qualified name (write 'ns::Class::member', or "
                        "'ns::Class::member=ns::Store' to name its store)")
                           .str());
      continue;
    }
    // A name that already plays a role keeps it (and its store); one that
    // plays none is a READ.
    auto It = ByName.find(Name);
    if (It != ByName.end())
      It->second.Traits |= NeverNull;
    else
      add(Name, Role::Read, Store, NeverNull);
  }
}

unsigned RoleConfig::traitsOf(const NamedDecl *D) const {
  if (const ConfiguredRole *Found = find(D))
    return Found->Traits;
  return 0;
}

std::string RoleConfig::fingerprint(const ClangTidyOptions::OptionMap &Options) {
  std::string Fingerprint;
  for (llvm::StringRef Key : keys()) {
    Fingerprint += Key;
    Fingerprint += '\0';
    if (auto It = Options.find(Key); It != Options.end())
      Fingerprint += It->second.Value;
    Fingerprint += '\0';
  }
  return Fingerprint;
}

void RoleConfig::addProfiles(const ClangTidyOptions::OptionMap &Options,
                             std::vector<std::string> &Errors) {
  llvm::StringRef ProfilesValue = optionValue(Options, ProfilesKey, DefaultProfiles);
  Values.emplace_back(ProfilesKey.str(), ProfilesValue.str());
  std::vector<llvm::StringRef> On = utils::options::parseStringList(DefaultProfiles);
  for (llvm::StringRef Item : utils::options::parseStringList(ProfilesValue)) {
    bool Off = Item.consume_front("-");
    Item = Item.trim();
    if (!llvm::any_of(Profiles, [&](const Profile &P) { return P.Name == Item; })) {
      Errors.push_back(
          (ProfilesKey + ": unknown profile '" + Item + "' (known: " + knownProfiles() + ")").str());
      continue;
    }
    llvm::erase(On, Item);
    if (!Off)
      On.push_back(Item);
  }
  for (const Profile &P : Profiles) {
    if (!llvm::is_contained(On, P.Name))
      continue;
    for (llvm::StringRef Runner : P.Runners)
      Runners.push_back(Runner.str());
    for (const ProfileEntry &E : P.Storeless)
      add(E.Name, E.R, "", E.Traits);
    for (const ProfileStore &S : P.Stores) {
      for (const ProfileEntry &E : S.Entries)
        add(E.Name, E.R, S.Name, E.Traits);
      if (!S.ScopedAlternative.empty())
        Alternatives[storeName(S.Name)] = S.ScopedAlternative.str();
    }
  }
  for (const auto &[Read, Nullable] : NullableReads)
    if (ByName.count(Read))
      NullableAlternatives[Read] = Nullable.str();
}

std::shared_ptr<const RoleConfig> RoleConfig::get(const ClangTidyOptions::OptionMap &Options,
                                                  std::vector<std::string> &Errors) {
  auto Config = std::make_shared<RoleConfig>();
  // Profiles first: names the user configures take their place.
  Config->addProfiles(Options, Errors);
  for (const RoleInfo &Info : allRoles())
    Config->parseKey(Options, Info.Key, Info.R, Errors);
  Config->parseKey(Options, RunnersKey, std::nullopt, Errors);
  Config->parseNeverEmpty(Options, Errors);
  Config->parseFactsDirectory(Options, Errors);
  return Config;
}

void RoleConfig::parseFactsDirectory(const ClangTidyOptions::OptionMap &Options,
                                     std::vector<std::string> &Errors) {
  llvm::StringRef Value = optionValue(Options, FactsDirKey, "").trim();
  Values.emplace_back(FactsDirKey.str(), Value.str());
  if (Value.empty())
    return;
  if (!llvm::sys::fs::is_directory(Value)) {
    Errors.push_back((FactsDirKey + ": '" + Value + "' is not a directory").str());
    return;
  }
  FactsDirectory = Value.str();
}

void RoleConfig::store(ClangTidyOptions::OptionMap &Options) const {
  for (const auto &[Key, Value] : Values)
    Options[Key] = ClangTidyOptions::ClangTidyValue(Value);
}

const ConfiguredRole *RoleConfig::find(const NamedDecl *D) const {
  if (ByName.empty() || !D || !D->getDeclName().isIdentifier())
    return nullptr;
  auto It = ByName.find(qualifiedName(D));
  if (It == ByName.end())
    It = ByName.find(qualifiedName(D, /*WithInline=*/true));
  return It == ByName.end() ? nullptr : &It->second;
}

llvm::StringRef RoleConfig::scopedAlternative(llvm::StringRef Store) const {
  if (auto It = Alternatives.find(Store); It != Alternatives.end())
    return It->second;
  for (const auto &[Written, Text] : ScopeAlternatives)
    if (namesScope(Written, Store))
      return Text;
  return {};
}

llvm::StringRef RoleConfig::nullableAlternative(const NamedDecl *Read) const {
  auto It = NullableAlternatives.find(qualifiedName(Read));
  return It == NullableAlternatives.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}

} // namespace clang::tidy::asyncctx
