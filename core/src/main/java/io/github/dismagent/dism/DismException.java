package io.github.dismagent.dism;

/**
 * A DISM function failed: the function, its HRESULT with the symbolic name, and DISM's own
 * last-error message, fetched on the DISM thread right after the failure.
 */
public class DismException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int hresult;
    private final String dismMessage;

    public DismException(String function, int hresult, String dismMessage) {
        super(function + " failed: " + HResult.describe(hresult, oneLine(dismMessage)));
        this.function = function;
        this.hresult = hresult;
        this.dismMessage = oneLine(dismMessage);
    }

    /** The DismAPI function that failed, e.g. {@code DismRemountImage}. */
    public String function() {
        return function;
    }

    public int hresult() {
        return hresult;
    }

    /** The symbolic name of the HRESULT, e.g. {@code DISMAPI_E_NEEDS_REMOUNT}. */
    public String hresultName() {
        return HResult.name(hresult);
    }

    /** DISM's own message, on one line; empty when DISM gave none. */
    public String dismMessage() {
        return dismMessage;
    }

    /** {@code 0xXXXXXXXX NAME: message}, DISM's message or else the standard text of the code. */
    public String describe() {
        return HResult.describe(hresult, dismMessage);
    }

    /** DISM's messages end with CRLF and may span lines; a log line or an attribute wants one line. */
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
