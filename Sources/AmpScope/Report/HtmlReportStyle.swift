/// The report page's inline stylesheet: screen (laptop width) and print.
enum HtmlReportStyle {
    static let css = """
    :root { --fg:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#ffffff; --panel:#f6f8fb; --error:#c62828; --warning:#b26a00; --info:#1565c0; }
    * { box-sizing: border-box; }
    body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; color:var(--fg); background:var(--bg); }
    main { max-width:1120px; margin:0 auto; padding:28px 32px 48px; }
    header.top { border-bottom:3px solid var(--fg); padding-bottom:12px; margin-bottom:20px; display:flex; justify-content:space-between; align-items:baseline; gap:16px; }
    header.top h1 { font-size:24px; margin:0; }
    header.top .tool { color:var(--muted); font-size:13px; white-space:nowrap; }
    h2 { font-size:18px; margin:32px 0 10px; padding-bottom:4px; border-bottom:1px solid var(--line); }
    .verdict { padding:12px 16px; border-radius:6px; font-weight:600; margin-bottom:16px; border-left:6px solid var(--info); background:#eef4fc; }
    .verdict.error { border-color:var(--error); background:#fdeeee; }
    .verdict.warning { border-color:var(--warning); background:#fff5e5; }
    .verdict.ok { border-color:#2e7d32; background:#edf7ee; }
    .verdict.inconclusive { border-color:#6a1b9a; background:#f5eefa; }
    .gaps { margin:-8px 0 16px; }
    table.facts { border-collapse:collapse; width:100%; font-size:14px; }
    table.facts th { text-align:left; color:var(--muted); font-weight:500; width:170px; vertical-align:top; padding:4px 12px 4px 0; }
    table.facts td { padding:4px 0; }
    .finding { border:1px solid var(--line); border-left:6px solid var(--info); border-radius:6px; padding:12px 16px; margin:12px 0; break-inside:avoid; }
    .finding.error { border-left-color:var(--error); } .finding.warning { border-left-color:var(--warning); }
    .finding h3 { margin:0 0 4px; font-size:16px; }
    .badge { display:inline-block; font-size:11px; font-weight:700; text-transform:uppercase; letter-spacing:.04em; padding:1px 7px; border-radius:10px; color:#fff; background:var(--info); margin-right:6px; vertical-align:2px; }
    .badge.error { background:var(--error); } .badge.warning { background:var(--warning); }
    .meta { color:var(--muted); font-size:13px; }
    .fix { background:var(--panel); padding:8px 12px; border-radius:4px; margin-top:8px; }
    table.evidence { border-collapse:collapse; width:100%; margin-top:8px; font:12.5px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,monospace; }
    table.evidence td { padding:2px 8px 2px 0; vertical-align:top; white-space:pre-wrap; word-break:break-all; }
    table.evidence td.where { white-space:nowrap; color:var(--muted); }
    a { color:#0b57d0; text-decoration:none; } a:hover { text-decoration:underline; }
    svg.timeline { display:block; background:var(--panel); border:1px solid var(--line); border-radius:6px; margin:8px 0 4px; font-family:system-ui,sans-serif; }
    svg .grid { stroke:#d0d6e0; stroke-width:1; } svg .tick { font-size:11px; fill:var(--muted); }
    svg .lane { font-size:13px; font-weight:700; fill:var(--fg); } svg .track { fill:#fff; stroke:#d0d6e0; }
    svg .phase { stroke:#fff; stroke-width:1; } svg .phase-label { font-size:11px; fill:#fff; font-weight:600; }
    svg .spl, svg .bootloader { fill:#6d4c9f; } svg .kernel { fill:#1f6fb2; } svg .userspace { fill:#2b8a6e; } svg .login { fill:#3c9a3c; }
    svg .started { fill:#8a6d1f; } svg .running { fill:#b0822a; } svg .link-up { fill:#2a8fa0; } svg .name-service { fill:#1f8a87; } svg .exchanging { fill:#2e7d32; } svg .halted { fill:var(--error); }
    svg .mark { stroke:#7b8494; stroke-width:1; } svg .mark.evidence { stroke:var(--error); stroke-width:2; }
    svg .event { font-size:10px; fill:#3a4252; } svg .event.evidence { fill:var(--error); font-weight:700; }
    svg .last-line { fill:var(--error); } svg .silence { fill:#f3f4f6; stroke:#9aa3af; stroke-dasharray:4 3; } svg .silence-label { font-size:11px; font-style:italic; fill:#6b7280; }
    .caption { color:var(--muted); font-size:12.5px; margin:0 0 12px; }
    .excerpt { margin:14px 0; break-inside:avoid; }
    .excerpt h3 { font-size:14px; margin:0 0 4px; }
    pre.log { margin:0; padding:8px 0; background:#0f1420; color:#d7dde8; border-radius:6px; overflow-x:auto; font:12.5px/1.5 ui-monospace,"DejaVu Sans Mono",Menlo,monospace; }
    pre.log span.l { display:block; padding:0 12px; white-space:pre-wrap; word-break:break-all; }
    pre.log span.n { color:#7d8799; display:inline-block; min-width:4.5em; user-select:none; }
    pre.log span.hit { background:#5c1f24; border-left:4px solid #ff6b6b; padding-left:8px; }
    pre.log span.l:target { outline:2px solid #ffd54f; }
    pre.log.around span.n { min-width:7em; }
    ul.notchecked li { margin:4px 0; } code { font:13px ui-monospace,"DejaVu Sans Mono",monospace; background:var(--panel); padding:0 3px; border-radius:3px; }
    footer { margin-top:36px; color:var(--muted); font-size:12.5px; border-top:1px solid var(--line); padding-top:10px; }
    @media print {
      body { font-size:11pt; } main { max-width:none; padding:0; }
      a { color:inherit; } h2 { break-after:avoid; }
      pre.log { background:#fff; color:#000; border:1px solid #999; }
      pre.log span.n { color:#555; } pre.log span.hit { background:#ffe0e0; border-left-color:#c62828; }
      svg.timeline { background:#fff; }
    }
    """
}
