#include "ui/common/shortcutkeys.h"

#include <QKeyEvent>

namespace handover {

bool isUnclaimedShortcutKey(const QKeyEvent *event)
{
#ifdef Q_OS_MACOS
    Q_UNUSED(event)
    return false;
#else
    // AltGr, which types characters on many layouts, arrives as Ctrl+Alt on Windows and as neither on X11
    // and Wayland: only Alt alone (with or without Shift) is a shortcut's.
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    return modifiers == Qt::AltModifier && !event->text().isEmpty();
#endif
}

} // namespace handover
