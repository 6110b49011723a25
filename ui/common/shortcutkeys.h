#pragma once

class QKeyEvent;

namespace handover {

// Alt with a letter or a digit is a shortcut in the console (Alt+1 for Mine, Alt+U for the next unread...).
// When no shortcut takes one (an agent has no Alt+2), it reaches the focused text field, which would type
// the character: text fields call this and drop such keys. On macOS, Option types characters ("@" on some
// layouts), so nothing is dropped there.
bool isUnclaimedShortcutKey(const QKeyEvent *event);

} // namespace handover
