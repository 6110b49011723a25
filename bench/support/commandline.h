#pragma once

#include <QString>

namespace handover::bench {

// A benchmark's command line, read one option at a time:
//
//     CommandLine args(argc, argv);
//     while (args.next()) {
//         if (args.flag("--smoke"))
//             options->smoke = true;
//         else if (!args.value("--rows", &options->rows))
//             return usage();
//     }
class CommandLine
{
public:
    CommandLine(int argc, char **argv);

    // Steps to the next option; false after the last one.
    bool next();
    // The option is `name`.
    bool flag(const char *name) const;
    // The option is `name` and a value follows it, which is read (and stepped over).
    bool value(const char *name, int *out);
    bool value(const char *name, double *out);
    bool value(const char *name, QString *out);

private:
    const char *take(const char *name);

    int m_argc;
    char **m_argv;
    int m_at = 0;
};

} // namespace handover::bench
