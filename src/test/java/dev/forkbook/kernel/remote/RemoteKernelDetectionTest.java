package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What connecting says when the address holds no snapshot kernel. */
class RemoteKernelDetectionTest {

    @Test
    void a_web_server_that_is_not_a_kernel_is_named_as_such() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            String url = "http://127.0.0.1:" + web.getAddress().getPort();
            RemoteKernelException error = assertThrows(RemoteKernelException.class,
                    () -> RemoteKernel.connect(url, "t"));
            assertEquals(RemoteKernelException.Reason.NOT_A_KERNEL, error.reason());
            assertTrue(error.getMessage().contains("is not a snapshot kernel"), error.getMessage());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void an_address_where_nothing_listens_is_reported_as_unreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        RemoteKernelException error = assertThrows(RemoteKernelException.class,
                () -> RemoteKernel.connect(url, "t"));
        assertEquals(RemoteKernelException.Reason.SERVER_GONE, error.reason());
        assertEquals("Cannot reach the kernel at " + url + ": nothing is listening there.",
                error.getMessage());
    }

    @Test
    void a_url_that_is_not_http_is_refused_before_any_connection() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RemoteKernel.connect("ftp://example.org", "t"));
        assertTrue(error.getMessage().startsWith("Not an http:// or https:// URL"));
    }

    @Test
    void the_text_of_an_html_error_page_is_read_out_of_its_pre_element() {
        String bottlePage = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>"
                + "<title>Error: 401 Unauthorized</title></head><body><h1>Error: 401 Unauthorized"
                + "</h1><p>Sorry, the requested URL <tt>&#039;http://x/states&#039;</tt> caused an "
                + "error:</p><pre>Invalid or missing token.</pre></body></html>";
        assertEquals("Invalid or missing token.",
                KernelHttp.message(new KernelHttp.Answer(401, null, bottlePage)));
    }
}
