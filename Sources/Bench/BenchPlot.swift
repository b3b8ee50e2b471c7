import Foundation
import Utilities

/// bench.svg, hand-written: a "success vs time" (cactus) plot with one panel per family
/// (unrealizable specs apart). In a panel, x is time on a log scale from 0.01 s to the time
/// limit and y the share of the panel's (spec, seed) runs of a strategy that gave the expected
/// answer within that time: a step curve per strategy, coloured as in the shared legend.
/// Strategies that overlap stay visible: earlier strategies are drawn wider, later ones on top.
public enum BenchPlot {
    // Layout in SVG user units (pixels).
    static let panelWidth = 380.0, panelHeight = 270.0
    static let plotLeft = 58.0, plotRight = 18.0, plotTop = 38.0, plotBottom = 46.0
    static let margin = 16.0, headerHeight = 72.0, legendRowHeight = 22.0, legendItemWidth = 170.0
    static let minimumTime = 0.01

    /// Colour (Okabe–Ito, distinguishable with colour-blindness) and dash pattern per strategy.
    static func style(_ strategy: BenchStrategy) -> (color: String, dash: String?) {
        switch strategy {
        case .ggms: return ("#D55E00", nil)
        case .ggmsNoEncoder: return ("#E69F00", "9 4")
        case .ggmsNoSymbolic: return ("#F0E442", "3 3")
        case .mcts: return ("#56B4E9", "3 3")
        case .mctsDFS: return ("#0072B2", nil)
        case .dfs: return ("#009E73", nil)
        case .cegis: return ("#CC79A7", "9 4")
        case .random: return ("#555555", "3 3")
        }
    }

    /// The SVG document for `report`.
    public static func svg(_ report: BenchReport) -> String {
        let panels = report.panels
        let columns = max(1, min(3, panels.count))
        let rows = (panels.count + columns - 1) / columns
        let width = 2 * margin + Double(columns) * panelWidth
        let legendPerRow = max(1, Int((width - 2 * margin) / legendItemWidth))
        let legendRows = (report.strategies.count + legendPerRow - 1) / legendPerRow
        let height = headerHeight + Double(rows) * panelHeight + Double(legendRows) * legendRowHeight + 2 * margin
        let xMax = max(report.timeLimit, minimumTime * 10)

        var out: [String] = []
        out.append(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" font-family="Helvetica, Arial, sans-serif">"#)
        out.append(#"<rect width="100%" height="100%" fill="white"/>"#)
        out.append(text(margin, 26, "Share of runs solved within time t (ggms bench\(report.interrupted ? ", interrupted" : ""))", size: 16, weight: "bold"))
        let deterministic = report.strategies.filter(\.isDeterministic).map(\.rawValue)
        let seeds = report.seeds == 1 ? "seed 1" : "seeds 1…\(report.seeds)" + (deterministic.isEmpty ? "" : " (\(deterministic.joined(separator: ", ")): seed 1 only)")
        out.append(text(margin, 45, "suite \(report.suite) · time limit \(BenchFormat.plain(report.timeLimit)) s · \(seeds) · \(plural(report.results.count, "run"))", size: 11, color: "#444444"))
        out.append(text(margin, 60, "In each panel, a strategy's line steps up each time one of its runs gives the spec's expected answer.", size: 11, color: "#444444"))
        for (i, panel) in panels.enumerated() {
            let x = margin + Double(i % columns) * panelWidth
            let y = headerHeight + Double(i / columns) * panelHeight
            out += self.panel(panel, report: report, x: x, y: y, xMax: xMax)
        }
        // Legend.
        let legendTop = headerHeight + Double(rows) * panelHeight + margin / 2
        for (i, strategy) in report.strategies.enumerated() {
            let lx = margin + Double(i % legendPerRow) * legendItemWidth + plotLeft / 2
            let ly = legendTop + Double(i / legendPerRow) * legendRowHeight + 11
            let s = style(strategy)
            out.append(#"<line x1="\#(n(lx))" y1="\#(n(ly))" x2="\#(n(lx + 30))" y2="\#(n(ly))" stroke="\#(s.color)" stroke-width="3"\#(s.dash.map { #" stroke-dasharray="\#($0)""# } ?? "")/>"#)
            var label = strategy.rawValue
            if strategy.isDeterministic { label += " (seed 1)" }
            if !strategy.isComplete { label += " (incomplete)" }
            out.append(text(lx + 36, ly + 4, label, size: 12))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// One panel with its top-left corner at (`x`, `y`).
    private static func panel(_ panel: String, report: BenchReport, x: Double, y: Double, xMax: Double) -> [String] {
        let left = x + plotLeft, right = x + panelWidth - plotRight
        let top = y + plotTop, bottom = y + panelHeight - plotBottom
        let logMin = log10(minimumTime), logMax = log10(xMax)
        func px(_ t: Double) -> Double {
            let clamped = min(max(t, minimumTime), xMax)
            return left + (log10(clamped) - logMin) / (logMax - logMin) * (right - left)
        }
        func py(_ share: Double) -> Double { bottom - share * (bottom - top) }

        let specIndices = report.specIndices(inPanel: panel)
        var out = ["<g>"]
        out.append(text((left + right) / 2, y + 16, "\(panel) — \(plural(specIndices.count, "spec"))", size: 13, weight: "bold", anchor: "middle"))
        let notRun = report.strategies.filter { !report.strategiesRun(inPanel: panel).contains($0) }
        if !notRun.isEmpty {
            out.append(text((left + right) / 2, y + 30, "n/a: " + notRun.map(\.rawValue).joined(separator: ", ") + " (incomplete)", size: 10, color: "#666666", anchor: "middle"))
        }
        out.append(#"<rect x="\#(n(left))" y="\#(n(top))" width="\#(n(right - left))" height="\#(n(bottom - top))" fill="white" stroke="rgb(51,51,51)" stroke-width="1"/>"#)
        // Grid and ticks.
        for tick in xTicks(xMax: xMax) {
            let tx = px(tick.value)
            out.append(#"<line x1="\#(n(tx))" y1="\#(n(top))" x2="\#(n(tx))" y2="\#(n(bottom))" stroke="rgb(227,227,227)" stroke-width="1"/>"#)
            out.append(#"<line x1="\#(n(tx))" y1="\#(n(bottom))" x2="\#(n(tx))" y2="\#(n(bottom + 4))" stroke="rgb(51,51,51)" stroke-width="1"/>"#)
            out.append(text(tx, bottom + 16, tick.label, size: 10, anchor: "middle"))
        }
        for step in 0...4 {
            let share = Double(step) / 4, ty = py(share)
            if step > 0 && step < 4 {
                out.append(#"<line x1="\#(n(left))" y1="\#(n(ty))" x2="\#(n(right))" y2="\#(n(ty))" stroke="rgb(227,227,227)" stroke-width="1"/>"#)
            }
            out.append(#"<line x1="\#(n(left - 4))" y1="\#(n(ty))" x2="\#(n(left))" y2="\#(n(ty))" stroke="rgb(51,51,51)" stroke-width="1"/>"#)
            out.append(text(left - 7, ty + 3.5, "\(step * 25)%", size: 10, anchor: "end"))
        }
        out.append(text((left + right) / 2, bottom + 34, "time to the expected answer (s, log scale)", size: 11, anchor: "middle"))
        let labelX = x + 16, labelY = (top + bottom) / 2
        out.append(#"<text x="\#(n(labelX))" y="\#(n(labelY))" font-size="11" text-anchor="middle" transform="rotate(-90 \#(n(labelX)) \#(n(labelY)))">runs solved</text>"#)
        // One step curve per strategy; wider first so later ones stay visible on top.
        for (order, strategy) in report.strategies.enumerated() {
            let runs = report.results.filter { $0.job.strategy == strategy && specIndices.contains($0.job.specIndex) }
            guard !runs.isEmpty else { continue }
            let times = runs.filter { $0.succeeded(on: report.specs[$0.job.specIndex]) }.compactMap(\.seconds).sorted()
            let total = Double(runs.count)
            var solved = times.filter { $0 <= minimumTime }.count
            var path = "M\(n(left)) \(n(py(Double(solved) / total)))"
            for t in times where t > minimumTime {
                solved += 1
                path += " H\(n(px(t))) V\(n(py(Double(solved) / total)))"
            }
            path += " H\(n(right))"
            let s = style(strategy)
            let width = max(1.5, 4.5 - 0.5 * Double(order))
            out.append(#"<path d="\#(path)" fill="none" stroke="\#(s.color)" stroke-width="\#(n(width))" stroke-linejoin="round"\#(s.dash.map { #" stroke-dasharray="\#($0)""# } ?? "")><title>\#(escape("\(strategy.rawValue): \(formatCount(times.count)) of \(plural(runs.count, "run")) solved"))</title></path>"#)
        }
        out.append("</g>")
        return out
    }

    /// Decades from 0.01 s up to `xMax`, and `xMax` itself unless it sits too close to one.
    static func xTicks(xMax: Double) -> [(value: Double, label: String)] {
        var ticks: [(Double, String)] = []
        var decade = minimumTime
        while decade <= xMax * (1 + 1e-9) {
            ticks.append((decade, label(decade)))
            decade *= 10
        }
        if let last = ticks.last?.0, log10(xMax) - log10(last) > 0.2 {
            ticks.append((xMax, label(xMax)))
        }
        return ticks
    }

    private static func label(_ value: Double) -> String {
        if value >= 1, value == value.rounded() { return String(format: "%.0f", value) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, size: Double, weight: String? = nil,
                             color: String? = nil, anchor: String? = nil) -> String {
        var attributes = #"x="\#(n(x))" y="\#(n(y))" font-size="\#(n(size))""#
        if let weight { attributes += #" font-weight="\#(weight)""# }
        if let color { attributes += #" fill="\#(color)""# }
        if let anchor { attributes += #" text-anchor="\#(anchor)""# }
        return "<text \(attributes)>\(escape(content))</text>"
    }

    /// A coordinate with at most one decimal.
    private static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(format: "%.0f", rounded) : String(format: "%.1f", rounded)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
