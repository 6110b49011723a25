#include "offscreenapp.h"

#include <QtGlobal>

namespace handover::bench {

OffscreenArguments::OffscreenArguments(char *program)
    : m_argv{program}
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        m_argv.push_back(m_platformOption);
        m_argv.push_back(m_platformName);
    }
    argc = int(m_argv.size());
    m_argv.push_back(nullptr);
}

} // namespace handover::bench
