package org.redisee.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Stores the session just before the response is committed, so that the client's next request (which may reach
 * another node the moment it has the response) finds the changes, and so that a new cookie still fits in the headers.
 * It sees redirects, errors and explicit flushes and closes; a body larger than the buffer commits without a flush,
 * and the session is then stored when the request ends.
 */
final class SessionResponse extends HttpServletResponseWrapper {

    private final Runnable beforeCommit;
    private ServletOutputStream stream;
    private PrintWriter writer;

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
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CommittingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(super.getWriter()) {
                @Override
                public void flush() {
                    beforeCommit.run();
                    super.flush();
                }

                @Override
                public void close() {
                    beforeCommit.run();
                    super.close();
                }
            };
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
            delegate.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
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
