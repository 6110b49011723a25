#include "commandline.h"

#include <cstdlib>
#include <cstring>

namespace handover::bench {

CommandLine::CommandLine(int argc, char **argv)
    : m_argc(argc)
    , m_argv(argv)
{}

bool CommandLine::next()
{
    return ++m_at < m_argc;
}

bool CommandLine::flag(const char *name) const
{
    return m_at < m_argc && std::strcmp(m_argv[m_at], name) == 0;
}

const char *CommandLine::take(const char *name)
{
    if (!flag(name) || m_at + 1 >= m_argc)
        return nullptr;
    return m_argv[++m_at];
}

bool CommandLine::value(const char *name, int *out)
{
    const char *text = take(name);
    if (text)
        *out = std::atoi(text);
    return text != nullptr;
}

bool CommandLine::value(const char *name, double *out)
{
    const char *text = take(name);
    if (text)
        *out = std::atof(text);
    return text != nullptr;
}

bool CommandLine::value(const char *name, QString *out)
{
    const char *text = take(name);
    if (text)
        *out = QString::fromLocal8Bit(text);
    return text != nullptr;
}

} // namespace handover::bench
