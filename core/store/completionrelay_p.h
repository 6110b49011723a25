#pragma once

#include <QObject>

namespace handover::store {

// Carries one completion from the writer thread to a context object's thread. A signal connection, unlike a
// bare QMetaObject::invokeMethod on a raw pointer, is cut by Qt under its own lock when the receiver dies, so
// a context destroyed meanwhile is never touched.
class CompletionRelay final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void finished();
};

} // namespace handover::store
