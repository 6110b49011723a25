#pragma once

namespace handover {

// The value of a hexadecimal digit (either case), or -1 for any other character: chunk sizes and %XX escapes.
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace handover
