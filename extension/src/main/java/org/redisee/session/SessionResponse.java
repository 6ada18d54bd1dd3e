package org.redisee.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Stores the session just before the response is committed, so that the client's next request (which may reach
 * another node the moment it has the response) finds the changes, and so that the cookie still fits in the headers.
 * A response commits on a redirect, an error, a flush or close, and when the body outgrows the buffer or reaches the
 * declared content length: each is seen here. Text written through the writer is counted as up to 4 bytes a
 * character, so the session may be stored a little early, never late.
 */
final class SessionResponse extends HttpServletResponseWrapper {

    private final Runnable beforeCommit;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private long written;
    private long contentLength = -1;

    SessionResponse(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    @Override
    public void sendError(int status) throws IOException {
        beforeCommit.run();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        beforeCommit.run();
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit.run();
        super.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit.run();
        super.flushBuffer();
    }

    @Override
    public void setContentLength(int length) {
        contentLength = length;
        super.setContentLength(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        contentLength = length;
        super.setContentLengthLong(length);
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name) && value != null) {
            contentLength = Long.parseLong(value.trim());
        }
        super.setHeader(name, value);
    }

    /** Stores the session before {@code bytes} more would commit the response. */
    private void beforeWriting(long bytes) {
        long limit = contentLength >= 0 ? Math.min(contentLength, getBufferSize()) : getBufferSize();
        if (written + bytes >= limit) {
            beforeCommit.run();
        }
        written += bytes;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CommittingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            Writer target = super.getWriter();
            writer = new PrintWriter(new Writer() {
                @Override
                public void write(char[] chars, int offset, int length) throws IOException {
                    beforeWriting(4L * length);
                    target.write(chars, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    beforeCommit.run();
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    beforeCommit.run();
                    target.close();
                }
            });
        }
        return writer;
    }

    private final class CommittingStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        CommittingStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            beforeWriting(1);
            delegate.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            beforeWriting(length);
            delegate.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit.run();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit.run();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }
}
