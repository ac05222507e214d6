// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// Khanaen's reward coupons: one ERC-721 token per coupon, its id derived off chain from the coupon's id
/// (keccak256), so a retried mint can only ever hit the same id. Only the platform (the owner) mints, revokes
/// and records redemptions. Tokens held in custody sit at an address the platform's key controls (its own, or one
/// that approved it), and move to a holder's wallet with a plain ERC-721 transfer.
/// It also anchors the public record (docs/public-record.md): the roots of the Merkle trees of every published report
/// and decision, each written once, with the block that holds it, so anyone can check a station's numbers later.
contract KhanaenCoupons is ERC721, Ownable {
    /// Redeemed coupons keep their token (the holder's keepsake) but can never be redeemed again.
    mapping(uint256 => bool) public redeemed;

    event Redeemed(uint256 indexed tokenId);
    event Revoked(uint256 indexed tokenId);

    error AlreadyMinted(uint256 tokenId);
    error NotMinted(uint256 tokenId);
    error AlreadyRedeemed(uint256 tokenId);
    error AlreadyAnchored(bytes32 root);

    /// The block in which each root of the public record was anchored (0: never).
    mapping(bytes32 => uint256) public anchoredIn;

    event Anchored(bytes32 indexed root);

    constructor(address initialOwner) ERC721("Khanaen Coupon", "KHNC") Ownable(initialOwner) {}

    /// Mints every id to `to`; the whole batch fails if any id exists already (or existed and was revoked).
    function mintBatch(address to, uint256[] calldata ids) external onlyOwner {
        for (uint256 i = 0; i < ids.length; i++) {
            uint256 id = ids[i];
            if (_ownerOf(id) != address(0) || _revoked[id]) revert AlreadyMinted(id);
            _mint(to, id);
        }
    }

    /// Records redemptions at the sponsor's counter; the whole batch fails on an unknown or redeemed id.
    function redeemBatch(uint256[] calldata ids) external onlyOwner {
        for (uint256 i = 0; i < ids.length; i++) {
            uint256 id = ids[i];
            if (_ownerOf(id) == address(0)) revert NotMinted(id);
            if (redeemed[id]) revert AlreadyRedeemed(id);
            redeemed[id] = true;
            emit Redeemed(id);
        }
    }

    /// Burns coupons that were withdrawn (a refunded donation), wherever they are held.
    function revokeBatch(uint256[] calldata ids) external onlyOwner {
        for (uint256 i = 0; i < ids.length; i++) {
            uint256 id = ids[i];
            if (_ownerOf(id) == address(0)) revert NotMinted(id);
            _revoked[id] = true;
            _burn(id);
            emit Revoked(id);
        }
    }

    /// Anchors a root of the public record; a root is anchored once (a resent transaction cannot write it twice).
    function anchor(bytes32 root) external onlyOwner {
        if (anchoredIn[root] != 0) revert AlreadyAnchored(root);
        anchoredIn[root] = block.number;
        emit Anchored(root);
    }

    /// For reconciling after a crash: which of these ids are minted (or were, before a revocation).
    function mintedOf(uint256[] calldata ids) external view returns (bool[] memory minted) {
        minted = new bool[](ids.length);
        for (uint256 i = 0; i < ids.length; i++) {
            minted[i] = _ownerOf(ids[i]) != address(0) || _revoked[ids[i]];
        }
    }

    mapping(uint256 => bool) private _revoked;
}
