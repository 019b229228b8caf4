import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The webhook benchmark's healthy receiver (java BenchReceiver.java): answers every POST 204 at once after
 * noting its arrival time, path and headers, with the body; GET /arrivals answers them as tab-separated
 * lines (arrival ms, path, webhook-id, webhook-timestamp, webhook-signature, base64 body), GET /count how
 * many. Prints its port on the first line of stdout. A JDK server, so the receiver is not what is measured.
 */
public class BenchReceiver {
    public static void main(String[] args) throws Exception {
        ConcurrentLinkedQueue<String> arrivals = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(null); // the dispatcher thread answers: no hand-off per request (lanes send one at a time anyway)
        server.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                long arrived = System.currentTimeMillis();
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                arrivals.add(arrived + "\t" + exchange.getRequestURI().getPath() + "\t" + h.getFirst("webhook-id") + "\t"
                        + h.getFirst("webhook-timestamp") + "\t" + h.getFirst("webhook-signature") + "\t" + Base64.getEncoder().encodeToString(body));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            byte[] out = exchange.getRequestURI().getPath().equals("/count")
                    ? Integer.toString(arrivals.size()).getBytes(StandardCharsets.UTF_8)
                    : String.join("\n", arrivals).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }
}
