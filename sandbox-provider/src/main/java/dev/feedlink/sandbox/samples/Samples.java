package dev.feedlink.sandbox.samples;

import dev.feedlink.sandbox.login.domain.AccountKind;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The real public sample files {@code user_sample} is served (resources {@code samples/}, attribution
 * in their SOURCES.md), read once at start-up. The account numbers and the subscription id come from
 * the files themselves.
 */
@Component
public class Samples {

  public static final String GREEN_BUTTON_FIRST = "samples/greenbutton/test_usage_data_1.xml";
  public static final String GREEN_BUTTON_UNION = "samples/greenbutton/test_usage_data.xml";
  public static final String CDR_UC5 = "samples/cdr/cdr-test-data-uc5.json";

  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String ESPI = "http://naesb.org/espi";

  private final byte[] greenButtonFirst;
  private final byte[] greenButtonUnion;
  private final String subscriptionId;
  private final List<ProviderAccount> utilityAccounts;
  private final JsonNode bankCustomer;
  private final List<ProviderAccount> bankAccounts;

  public Samples() {
    greenButtonFirst = read(GREEN_BUTTON_FIRST);
    greenButtonUnion = read(GREEN_BUTTON_UNION);
    Document feed = parse(greenButtonUnion);
    subscriptionId = lastSegment(selfLink(feed.getDocumentElement()));
    utilityAccounts = usagePoints(feed);
    JsonNode uc5 = new ObjectMapper().readTree(read(CDR_UC5));
    bankCustomer = uc5.path("holders").path(0).path("holder").path("authenticated").path("customers").path(0);
    bankAccounts = new ArrayList<>();
    for (JsonNode entry : bankCustomer.path("banking").path("accounts")) {
      JsonNode account = entry.path("account");
      bankAccounts.add(
          new ProviderAccount(
              account.path("accountId").asString(),
              account.path("displayName").asString(),
              "CRED_AND_CHRG_CARDS".equals(account.path("productCategory").asString()) ? AccountKind.CREDIT_CARD : AccountKind.TRANSACTION));
    }
  }

  /** The Green Button file served to a device's first data request: five days. */
  public byte[] greenButtonFirst() {
    return greenButtonFirst.clone();
  }

  /** The file served to every later request: fourteen days, the first five and nine new ones. */
  public byte[] greenButtonUnion() {
    return greenButtonUnion.clone();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public List<ProviderAccount> utilityAccounts() {
    return utilityAccounts;
  }

  public List<ProviderAccount> bankAccounts() {
    return bankAccounts;
  }

  /** The uc5 customer: {@code customer}, {@code banking.accounts[].account/balance/transactions}. */
  public JsonNode bankCustomer() {
    return bankCustomer;
  }

  private static List<ProviderAccount> usagePoints(Document feed) {
    List<ProviderAccount> accounts = new ArrayList<>();
    NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      if (entry.getElementsByTagNameNS(ESPI, "UsagePoint").getLength() > 0) {
        String title = entry.getElementsByTagNameNS(ATOM, "title").item(0).getTextContent().strip();
        accounts.add(new ProviderAccount(lastSegment(selfLink(entry)), title, AccountKind.ELECTRICITY));
      }
    }
    return accounts;
  }

  private static String selfLink(Element parent) {
    NodeList links = parent.getElementsByTagNameNS(ATOM, "link");
    for (int i = 0; i < links.getLength(); i++) {
      Element link = (Element) links.item(i);
      if (link.getParentNode() == parent && "self".equals(link.getAttribute("rel"))) {
        return link.getAttribute("href");
      }
    }
    throw new IllegalStateException("the sample feed has no self link");
  }

  private static String lastSegment(String href) {
    return href.substring(href.lastIndexOf('/') + 1);
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the Green Button sample", e);
    }
  }

  private static byte[] read(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("missing sample " + path, e);
    }
  }
}
