//===--- ExternalPlaces.cpp - asyncctx-tidy -------------------------------===//

#include "ExternalPlaces.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

SourceLocation locationOf(const ExternalPlace &Place, SourceManager &SM) {
  if (Place.Path.empty() || !Place.Line)
    return {};
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(Place.Path);
  if (!File)
    return {};
  // A file the translation unit included keeps its FileID (and is shown as
  // the header it is there); any other is opened with no include location.
  FileID FID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  if (FID.isInvalid())
    return {};
  return SM.translateLineCol(FID, Place.Line, Place.Column ? Place.Column : 1);
}

} // namespace clang::tidy::asyncctx
