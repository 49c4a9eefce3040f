// The users store and the functions of the program's files.
#pragma once
#include "asyncctx/context_store.h"
#include <string>

extern asyncctx::context_store<std::string> users;

void validate(const std::string &user);       // validate.cpp: throws
void validate_quietly(const std::string &user); // validate.cpp: catches
void checked(const std::string &user);        // checked.cpp: calls validate()
