/* The unit tests' assertions are the shared ones (CHECK, CHECK_NEAR, check_summary...). */
#pragma once

#include "../include/check.h"
