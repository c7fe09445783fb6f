#!/usr/bin/env python3
"""Writes src/Ninsho.Core/Diagnostics/InstrumentedStorage.cs from the store interfaces of src/Ninsho.Storage.

  python3 scripts/generate-instrumented-storage.py   (from anywhere; then dotnet format)

Run it after adding or changing a store method: the wrapper must forward every one (the build fails otherwise).
"""
import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import re,glob,os
props=re.findall(r'^\s*(I\w+) (\w+) \{ get; \}', open('src/Ninsho.Storage/INinshoStorage.cs').read(), re.M)
out=[]
classes=[]
for iface,prop in props:
    src=open(f'src/Ninsho.Storage/{iface}.cs').read()
    # strip comments
    body=re.sub(r'^\s*///.*$','',src,flags=re.M)
    body=re.sub(r'//.*$','',body,flags=re.M)
    methods=re.findall(r'^\s*((?:Task|ValueTask|IAsyncEnumerable)(?:<.*?>)?)\s+(\w+)\((.*?)\)\s*;', body, re.M|re.S)
    # detect methods with bodies (default impl)
    others=re.findall(r'^\s*((?:Task|ValueTask)(?:<.*?>)?)\s+(\w+)\((.*?)\)\s*=>', body, re.M|re.S)
    cls=iface[1:]
    lines=[f'    private sealed class {cls}(I{cls} inner, string backend) : I{cls}','    {']
    for ret,name,params in methods:
        params=' '.join(params.split())
        plist=[]
        depth=0;cur=''
        for ch in params:
            if ch in '<([': depth+=1
            if ch in '>)]': depth-=1
            if ch==',' and depth==0: plist.append(cur.strip()); cur=''
            else: cur+=ch
        if cur.strip(): plist.append(cur.strip())
        names=[]
        for p in plist:
            decl=p.split('=')[0].strip()
            names.append(decl.split()[-1])
        args=', '.join(names)
        call=f'{prop}.{name}'
        if ret.startswith('IAsyncEnumerable'):
            raise SystemExit(f'IAsyncEnumerable {iface}.{name}')
        isvoid = ret in ('Task','ValueTask')
        lines.append(f'        public async {ret} {name}({params})')
        lines.append('        {')
        lines.append(f'            using var span = Start(backend, "storage {call}");')
        lines.append('            var started = Stopwatch.GetTimestamp();')
        lines.append('            try')
        lines.append('            {')
        lines.append(f'                {"await" if isvoid else "return await"} inner.{name}({args});')
        lines.append('            }')
        lines.append('            finally')
        lines.append('            {')
        lines.append(f'                NinshoTelemetry.RecordStorage(backend, "{call}", started);')
        lines.append('            }')
        lines.append('        }')
        lines.append('')
    if lines[-1]=='': lines.pop()
    lines.append('    }')
    classes.append('\n'.join(lines))
    if others: print('default methods in', iface, [o[1] for o in others])
props_code='\n'.join(f'    public I{iface[1:]} {prop} {{ get; }} = new {iface[1:]}(inner.{prop}, backend);' for iface,prop in props)
code=f'''using System.Diagnostics;
using Ninsho.Storage;

namespace Ninsho.Core.Diagnostics;

/// <summary>Every call of an <see cref="INinshoStorage"/> measured: its latency in <c>ninsho.storage.duration</c>
/// (tags <c>backend</c>, <c>call</c>) and, when traces are on, a client span <c>storage &lt;Store&gt;.&lt;Method&gt;</c>
/// (docs/operations.md#metrics-and-traces). The host wraps the backend in it only when metrics or traces are on.
/// Written by scripts/generate-instrumented-storage.py: rerun it after changing a store interface (the build fails
/// until then).</summary>
public sealed partial class InstrumentedStorage(INinshoStorage inner, string backend) : INinshoStorage, IDisposable, IAsyncDisposable
{{
{props_code}

    /// <summary>The storage being measured.</summary>
    public INinshoStorage Inner => inner;

    public bool SharedByNodes => inner.SharedByNodes;

    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

    public Task<string?> ReadinessProblemAsync(CancellationToken ct) => inner.ReadinessProblemAsync(ct);

    /// <summary>Disposes the measured storage (the container disposes this wrapper only).</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public ValueTask DisposeAsync()
    {{
        if (inner is IAsyncDisposable asynchronous)
        {{
            return asynchronous.DisposeAsync();
        }}

        Dispose();
        return ValueTask.CompletedTask;
    }}

    private static Activity? Start(string backend, string spanName)
    {{
        if (!NinshoTelemetry.Source.HasListeners())
        {{
            return null;
        }}

        var span = NinshoTelemetry.Source.StartActivity(spanName, ActivityKind.Client);
        _ = span?.SetTag("db.system", backend);
        return span;
    }}

{chr(10).join(c + chr(10) for c in classes).rstrip()}
}}
'''
open('src/Ninsho.Core/Diagnostics/InstrumentedStorage.cs','w').write(code)
print(f'{len(props)} stores, {sum(c.count("public async") for c in classes)} methods')
