#pragma once

#include <vector>

namespace handover::bench {

// The command line of a QApplication for a benchmark: the program's name, and `-platform offscreen` unless
// QT_QPA_PLATFORM chooses a platform, so that widgets paint into memory and no display is needed.
class OffscreenArguments
{
public:
    explicit OffscreenArguments(char *program);
    OffscreenArguments(const OffscreenArguments &) = delete;
    OffscreenArguments &operator=(const OffscreenArguments &) = delete;

    char **argv() { return m_argv.data(); }
    int argc = 0; // QApplication keeps a reference to it

private:
    char m_platformOption[10] = "-platform";
    char m_platformName[10] = "offscreen";
    std::vector<char *> m_argv;
};

} // namespace handover::bench
