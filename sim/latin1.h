#pragma once

#include <QString>

namespace handover::sim {

// A QString of an ASCII literal: the simulator's JSON keys and fixed values.
inline QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

} // namespace handover::sim
