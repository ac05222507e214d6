package org.khanaen.proofs;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;

/** Any Ethereum JSON-RPC node, asked {@code anchoredIn(bytes32)} of the contract with a plain eth_call. */
final class Web3jChain implements ExportVerifier.Chain {

    private final Web3j web3j;

    private Web3jChain(Web3j web3j) {
        this.web3j = web3j;
    }

    static Web3jChain at(String url) {
        return new Web3jChain(Web3j.build(new HttpService(url)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public long anchoredIn(String contract, String root) throws IOException {
        Function call = new Function("anchoredIn", List.of(new Bytes32(MerkleTree.unhex(root))), List.of(new TypeReference<Uint256>() { }));
        EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(call)),
                DefaultBlockParameterName.LATEST).send();
        if (answer.hasError()) {
            throw new IOException("the node answered: " + answer.getError().getMessage());
        }
        List<Type> out = FunctionReturnDecoder.decode(answer.getValue(), call.getOutputParameters());
        return out.isEmpty() ? 0 : ((BigInteger) out.getFirst().getValue()).longValueExact();
    }
}
