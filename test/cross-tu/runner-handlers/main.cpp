// The invocation runner, in one file; the handler it runs, in another.
#include "claims.h"

int main() { aws::lambda_runtime::run_handler(handler); }
