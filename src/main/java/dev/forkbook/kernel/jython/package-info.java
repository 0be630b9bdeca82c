/**
 * The kernel on an embedded Jython 2.7 interpreter; the only package that imports {@code org.python}.
 *
 * <p>Read {@link dev.forkbook.kernel.jython.JythonKernel} first, then
 * {@code ExecutionNamespace} (lazy copy-on-read over an immutable {@code Snapshot}),
 * {@code ContextualGlobals} (why functions from earlier cells see the caller's variables) and
 * {@code SnapshotCopier} (the Java-level deep copy). Python 3 support: {@code Py3Translator} (on
 * {@code Py3Tokenizer}) rewrites cell source before {@code CellCompiler} compiles it ({@code LineMap}
 * gives back the user's line numbers when it added a line), {@code Py3Repr} gives text/plain Python 3
 * reprs, {@code BuiltinTypePatches} fixes and extends Jython's {@code str}/{@code unicode} methods, and
 * {@code python/forkbook/py3.py} and {@code magics.py} (resources) install the helpers and magics
 * translated code calls. Depends on {@code dev.forkbook.kernel} only.
 */
package dev.forkbook.kernel.jython;
