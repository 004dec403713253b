package io.github.dismagent.agent.logging;

import io.github.dismagent.LogText;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes through {@link AgentLog}; named by the short class name. Every message
 * goes through {@link LogText#line}: whatever a call site passes, a line of the agent's log is one
 * line of plain text of bounded length.
 */
final class AgentLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return AgentLog.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return AgentLog.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return AgentLog.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return AgentLog.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return AgentLog.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        if (AgentLog.enabled(level)) {
            AgentLog.write(level, name, LogText.line(MessageFormatter.basicArrayFormat(pattern, arguments)), throwable);
        }
    }
}
