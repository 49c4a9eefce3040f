//===--- CommandLine.cpp - asyncctx-tidy's one argument parser ------------===//

#include "CommandLine.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

namespace cl = llvm::cl;

namespace asyncctx {

namespace {

/// An option's text without its one or two leading dashes (LLVM's command
/// line takes both); nothing for an argument that is not an option.
std::optional<llvm::StringRef> optionText(llvm::StringRef Arg) {
  if (!Arg.consume_front("-"))
    return std::nullopt;
  Arg.consume_front("-");
  return Arg;
}

/// Matches `-name=value`, `--name=value`, `-name value` and `--name value`.
/// On a match, Value is set and Index moves past what was consumed.
bool takeOption(llvm::ArrayRef<const char *> Args, size_t &Index, llvm::StringRef Name,
                std::string &Value) {
  std::optional<llvm::StringRef> Option = optionText(Args[Index]);
  if (!Option)
    return false;
  llvm::StringRef Arg = *Option;
  if (!Arg.consume_front(Name))
    return false;
  if (Arg.consume_front("=")) {
    Value = Arg.str();
    ++Index;
    return true;
  }
  if (!Arg.empty() || Index + 1 >= Args.size())
    return false;
  Value = Args[Index + 1];
  Index += 2;
  return true;
}

/// Matches `--name` and `--name=value` of a flag; Value is "true" or what
/// follows `=`.
bool takeFlag(llvm::StringRef Arg, llvm::StringRef Name, std::string &Value) {
  std::optional<llvm::StringRef> Option = optionText(Arg);
  if (!Option)
    return false;
  auto [Key, Text] = Option->split('=');
  if (Key != Name)
    return false;
  Value = Option->contains('=') ? Text.str() : "true";
  return true;
}

bool isOn(llvm::StringRef Value) {
  return !Value.equals_insensitive("false") && Value != "0";
}

} // namespace

bool CommandLine::parse(int Argc, const char **Argv, llvm::ArrayRef<OwnOption> Options) {
  llvm::SmallVector<const char *, 32> All(Argv, Argv + Argc);
  if (!cl::ExpandResponseFiles(Saver, cl::TokenizeGNUCommandLine, All))
    return false;
  Args.clear();
  size_t I = 0;
  while (I < All.size()) {
    if (I == 0 || llvm::StringRef(All[I]) == "--") {
      // Past `--` are the compiler's arguments: left alone.
      size_t End = I == 0 ? 1 : All.size();
      Args.append(All.begin() + I, All.begin() + End);
      I = End;
      continue;
    }
    std::string Value;
    const OwnOption *Taken = llvm::find_if(Options, [&](const OwnOption &O) {
      if (O.IsFlag && takeFlag(All[I], O.Name, Value)) {
        ++I;
        return true;
      }
      return !O.IsFlag && takeOption(All, I, O.Name, Value);
    });
    if (Taken == Options.end())
      Args.push_back(All[I++]);
    else
      Own[Taken->Name].push_back(Value);
  }
  return true;
}

llvm::ArrayRef<std::string> CommandLine::ownValues(llvm::StringRef Name) const {
  auto It = Own.find(Name);
  if (It == Own.end())
    return {};
  return It->second;
}

std::optional<std::string> CommandLine::ownValue(llvm::StringRef Name) const {
  llvm::ArrayRef<std::string> Values = ownValues(Name);
  if (Values.empty())
    return std::nullopt;
  return Values.back();
}

bool CommandLine::ownFlag(llvm::StringRef Name) const {
  std::optional<std::string> Value = ownValue(Name);
  return Value && isOn(*Value);
}

std::optional<std::string> CommandLine::option(llvm::StringRef Name) const {
  std::optional<std::string> Found;
  for (size_t I = 1; I < Args.size();) {
    if (llvm::StringRef(Args[I]) == "--")
      break;
    std::string Value;
    if (takeOption(Args, I, Name, Value))
      Found = Value;
    else
      ++I;
  }
  return Found;
}

bool CommandLine::flag(llvm::StringRef Name) const {
  bool On = false;
  for (llvm::StringRef Arg : rest()) {
    if (Arg == "--")
      break;
    std::string Value;
    if (takeFlag(Arg, Name, Value))
      On = isOn(Value);
  }
  return On;
}

std::vector<std::string> CommandLine::sourceFiles() const {
  // Which options take the next argument as their value is the registered
  // options' business; `-p`, `--extra-arg` and `--extra-arg-before` are
  // registered only when clang-tidy parses the command line.
  std::vector<std::string> Files;
  auto &Registered = cl::getRegisteredOptions();
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--")
      break;
    std::optional<llvm::StringRef> Option = optionText(Arg);
    if (!Option || Option->empty()) {
      Files.push_back(Arg.str());
      continue;
    }
    if (Option->contains('='))
      continue;
    bool TakesValue =
        *Option == "p" || *Option == "extra-arg" || *Option == "extra-arg-before";
    auto It = Registered.find(*Option);
    if (It != Registered.end())
      TakesValue = It->second->getValueExpectedFlag() == cl::ValueRequired;
    if (TakesValue)
      ++I;
  }
  return Files;
}

bool CommandLine::hasCompilerArguments() const {
  return llvm::any_of(rest(), [](const char *A) { return llvm::StringRef(A) == "--"; });
}

bool CommandLine::analysesNothing() const {
  return llvm::any_of(llvm::ArrayRef<llvm::StringRef>{"list-checks", "dump-config",
                                                      "explain-config", "verify-config",
                                                      "help", "help-hidden", "help-list",
                                                      "version"},
                      [&](llvm::StringRef Name) { return flag(Name); });
}

bool CommandLine::asksForFixes() const {
  return flag("fix") || flag("fix-errors") || flag("fix-notes");
}

void CommandLine::add(const llvm::Twine &Option) {
  auto DashDash =
      llvm::find_if(Args, [](const char *A) { return llvm::StringRef(A) == "--"; });
  Args.insert(DashDash, Saver.save(Option).data());
}

int CommandLine::runClangTidy() {
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}

} // namespace asyncctx
