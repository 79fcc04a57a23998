// SPDX-License-Identifier: MIT
// The Charts panel: the selected workspace item's numbers over the last minutes (one chart per
// unit: levels, bytes per second, counts per second) and the Hub's Loops by state. It draws from
// the ChartRecorder's stores only while it is in sight.
#pragma once

#include <diesel/widgets/loopsampler.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace workbench {

class ChartRecorder;
class ChartView;
class ItemController;

class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    ChartsPanel(ChartRecorder &recorder, diesel::widgets::LoopSampler &sampler,
                QWidget *parent = nullptr);

    /// Charts this item's numbers (nullptr: none).
    void showItem(ItemController *item);
    /// Told by the dock whether it can be seen (a dock tabbed behind another is still visible to
    /// Qt).
    void setViewed(bool viewed);

    /// The charts of the selected item, one per unit, in the order its measures come.
    const QList<ChartView *> &itemCharts() const noexcept { return m_itemCharts; }
    ChartView &loopsChart() const noexcept { return *m_loopsChart; }
    /// True while it is in sight and draws.
    bool drawing() const noexcept { return m_use.active(); }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void redraw();
    void updateTitle();

    ChartRecorder &m_recorder;
    QPointer<ItemController> m_item;
    QLabel *m_title;
    QVBoxLayout *m_itemBox;
    QList<ChartView *> m_itemCharts;
    ChartView *m_loopsChart;
    // Holding the Loop sampler while in sight makes the Loops-by-state chart move even when the
    // Loops panel is hidden.
    diesel::widgets::SamplerUse m_use;
};

} // namespace workbench
