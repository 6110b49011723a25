#include "tests/ui/modelsignals.h"

namespace handover::testing {

ModelSignals::ModelSignals(QAbstractItemModel *model)
    : m_inserted(model, &QAbstractItemModel::rowsInserted)
    , m_removed(model, &QAbstractItemModel::rowsRemoved)
    , m_moved(model, &QAbstractItemModel::rowsMoved)
    , m_changed(model, &QAbstractItemModel::dataChanged)
    , m_reset(model, &QAbstractItemModel::modelReset)
{
}

QStringList ModelSignals::take()
{
    QStringList seen;
    const auto range = [](const char *what, const QList<QVariant> &args) {
        return QStringLiteral("%1 %2..%3").arg(QLatin1String(what)).arg(args.at(1).toInt()).arg(args.at(2).toInt());
    };
    for (const QList<QVariant> &args : std::as_const(m_inserted))
        seen.append(range("insert", args));
    for (const QList<QVariant> &args : std::as_const(m_removed))
        seen.append(range("remove", args));
    for (const QList<QVariant> &args : std::as_const(m_moved))
        seen.append(QStringLiteral("move %1..%2 before %3")
                        .arg(args.at(1).toInt())
                        .arg(args.at(2).toInt())
                        .arg(args.at(4).toInt()));
    for (const QList<QVariant> &args : std::as_const(m_changed))
        seen.append(QStringLiteral("change %1..%2")
                        .arg(args.at(0).value<QModelIndex>().row())
                        .arg(args.at(1).value<QModelIndex>().row()));
    for (qsizetype i = 0; i < m_reset.size(); ++i)
        seen.append(QStringLiteral("reset"));
    for (QSignalSpy *spy : {&m_inserted, &m_removed, &m_moved, &m_changed, &m_reset})
        spy->clear();
    return seen;
}

} // namespace handover::testing
