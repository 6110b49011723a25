#pragma once

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QStringList>

namespace handover::testing {

// What a model announced since the last take(), as short lines: inserts, removes, moves (source rows and
// beginMoveRows' destination), content changes, resets. Tests compare them with the exact signals expected.
class ModelSignals
{
public:
    explicit ModelSignals(QAbstractItemModel *model);
    QStringList take();

private:
    QSignalSpy m_inserted;
    QSignalSpy m_removed;
    QSignalSpy m_moved;
    QSignalSpy m_changed;
    QSignalSpy m_reset;
};

} // namespace handover::testing
