/** Styles of the preview, close to the printed page (仿宋 body, 黑体/楷体 headings). */
export const REPORT_CSS = `
.ls-report{font-family:"仿宋_GB2312","FangSong","STFangsong","Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;color:#111;max-width:40em;margin:0 auto;word-break:break-all}

.ls-report .ls-title-line{display:block}
.ls-report .ls-title{font-family:"方正小标宋简体","小标宋","SimSun","Noto Serif CJK SC",serif;font-size:22pt;font-weight:normal;text-align:center;margin:0 0 1em}
.ls-report h2,.ls-report h3,.ls-report h4,.ls-report h5{font-size:16pt;font-weight:normal;margin:0;text-indent:2em}
.ls-report .ls-h1{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif}
.ls-report .ls-h2{font-family:"楷体_GB2312","KaiTi","STKaiti",serif}
.ls-report p{margin:0;text-indent:2em;text-align:justify}
.ls-report .ls-num{color:#c0392b;text-decoration:none;border-bottom:1px dashed #c0392b;cursor:pointer}
.ls-report .ls-num-null{background:#fff1f0}
.ls-report .ls-narrative{background:#fffbe6}
.ls-report .ls-signature{margin-top:1.8em;text-align:right;padding-right:2em}
.ls-report .ls-signature p{text-indent:0;text-align:right}
@media (max-width:575px){.ls-report{font-size:15px}.ls-report .ls-title{font-size:20px}.ls-report h2,.ls-report h3,.ls-report h4,.ls-report h5{font-size:15px}}
`;
